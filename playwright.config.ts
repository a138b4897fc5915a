import { defineConfig } from '@playwright/test';

// Overridable so two checkouts on one machine can run their journeys side by side.
const PORT = Number(process.env.E2E_PORT ?? 3123);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 1334);
// Where the journeys' own SMTP server listens (e2e/writers.ts computes the same; the inbox journey starts it).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 2000);

export default defineConfig({
  testDir: 'e2e',
  // Two cores: one browser worker keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // A fresh database per run; the real `npm start` builds if needed and runs web + collab.
    command: 'rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm && npm start',
    url: `http://localhost:${PORT}`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      COLLAB_PORT: String(COLLAB_PORT),
      DATABASE_URL: 'file:./data/e2e.db',
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      COLLAB_ROOM_GRACE_MS: '500',
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM: 'Scriptorium <no-reply@example.test>',
    },
  },
});
