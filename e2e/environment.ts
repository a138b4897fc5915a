/** The store the journeys' servers use: the SQLite file by default, the cluster's PostgreSQL in the cluster run. */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db';

/** Where a browser reaches collab when the web app is not the only door (the cluster run sets it). */
export const E2E_COLLAB_PUBLIC_URL = process.env.E2E_COLLAB_PUBLIC_URL;
