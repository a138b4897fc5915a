import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The same journeys against Scriptorium scaled out: 2 web and 3 collab instances on one PostgreSQL
 * and one Redis, behind the shipped deploy/nginx.conf (scripts/cluster.ts). `npm run test:e2e:cluster`.
 */
const PORT = Number(process.env.E2E_PORT ?? 3123);
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 2000);
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scriptorium_e2e';
// The journeys that reach the store or start a server of their own read these too (e2e/environment.ts).
process.env.E2E_DATABASE_URL = DATABASE_URL;
process.env.E2E_COLLAB_PUBLIC_URL = `ws://localhost:${PORT}/collab`;

export default defineConfig({
  ...base,
  webServer: {
    command: 'npx tsx scripts/cluster.ts --fresh',
    url: `http://localhost:${PORT}/signin`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      CLUSTER_PORT: String(PORT),
      CLUSTER_WEB: '2',
      CLUSTER_COLLAB: '3',
      DATABASE_URL,
      REDIS_URL: process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `e2e-${PORT}-${Date.now()}`,
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      COLLAB_ROOM_GRACE_MS: '500',
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM: 'Scriptorium <no-reply@example.test>',
    },
  },
});
