import type { CollabServerOptions } from '../collab-server';
import { TEST_SECRET } from './fixtures';

/** What every test's collab server shares: port 0, the test secret, pings and checkpoints out of a test's way, rooms unloaded quickly. */
export const TEST_SERVER_OPTIONS = {
  host: '127.0.0.1',
  port: 0,
  secret: TEST_SECRET,
  roleRecheckMs: 100,
  maxMessageBytes: 64 * 1024,
  roomGraceMs: 50,
  pingIntervalMs: 60_000,
  compactEveryUpdates: 100,
  checkpointIntervalMs: 3_600_000,
} satisfies Partial<CollabServerOptions>;

/** A cluster instance's limits in tests: roles re-checked each second and frames up to 1 MiB, as in production. */
export const CLUSTER_TEST_SERVER_OPTIONS = { ...TEST_SERVER_OPTIONS, roleRecheckMs: 1_000, maxMessageBytes: 1024 * 1024 } satisfies Partial<CollabServerOptions>;
