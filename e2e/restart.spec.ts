import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from './fixtures';
import { listening, startOwnApp, type OwnApp } from './own-app';
import { createManuscript, openManuscript, signUp, typeAtEnd } from './writers';

// These journeys kill and stop a whole `npm start`, so they run one of their own beside the suite's.
const PORT = Number(process.env.E2E_OWN_APP_PORT ?? 3660);
let app: OwnApp;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: `http://localhost:${PORT}` });
test.beforeEach(async ({}, testInfo) => {
  test.setTimeout(300_000);
  app = await startOwnApp(PORT, testInfo.title.startsWith('web alone') ? { only: 'web' } : {});
});
test.afterEach(() => app.dispose());

/** The manuscript's text as stored, through the self-hoster's CLI (reads the database). */
function storedText(manuscriptPath: string): string {
  const out = test.info().outputPath('stored.txt');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'manuscript:export', manuscriptPath.split('/').pop()!, '--format', 'txt', '--out', out], {
    env: { ...process.env, DATABASE_URL: app.databaseUrl },
  });
  return fs.readFileSync(out, 'utf8');
}

test('collab dies: the page says Offline, then reconnects and stores new words by itself', async ({ browser }) => {
  const adaWriter = await signUp(browser, 'Ada');
  const inboxStream = adaWriter.page.waitForResponse((response) => response.url().endsWith('/api/notifications/stream'));
  const manuscript = await createManuscript(adaWriter, 'The Long Night');
  const ada = await openManuscript(adaWriter, manuscript);
  await inboxStream;
  await typeAtEnd(ada, 'Before the crash.');
  await expect(ada.status).toHaveText('Saved');

  process.kill(app.collabPid(), 'SIGKILL');
  await expect(ada.status).toHaveText('Offline – changes kept on this device');
  await ada.page.screenshot({ path: test.info().outputPath('offline.png') });
  await typeAtEnd(ada, ' Written while it was down.');

  // Nobody runs a command: npm start brings collab back and the page reconnects on its own.
  await expect(ada.status).toHaveText('Saved', { timeout: 30_000 });
  await typeAtEnd(ada, ' After the crash.');
  await expect(ada.status).toHaveText('Saved');
  await ada.page.screenshot({ path: test.info().outputPath('recovered.png') });
  expect(app.output()).toMatch(/\[start\] collab was killed by SIGKILL; restarting it/);
  expect(storedText(manuscript)).toContain('Before the crash. Written while it was down. After the crash.');
});

test('SIGTERM to npm start with pages open: it exits within the stop deadline and every acknowledged word is stored', async ({ browser }) => {
  const adaWriter = await signUp(browser, 'Ada');
  const manuscript = await createManuscript(adaWriter, 'Closing Time');
  const ada = await openManuscript(adaWriter, manuscript);
  const second = await adaWriter.context.newPage();
  const inboxStream = second.waitForResponse((response) => response.url().endsWith('/api/notifications/stream'));
  await second.goto('/');
  await inboxStream;
  await typeAtEnd(ada, 'Every word she was told was saved.');
  await expect(ada.status).toHaveText('Saved');

  process.kill(app.npm.pid!, 'SIGTERM');
  // The stop deadline is 10 s per process and 15 s for npm start; without one, an open event stream kept web up for good.
  const exit = await Promise.race([app.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
  expect(exit, app.output()).toEqual({ code: 0, signal: null });
  expect(await listening(PORT)).toBe(false);
  expect(await listening(PORT + 1)).toBe(false);
  expect(storedText(manuscript)).toContain('Every word she was told was saved.');
});

test('web alone, with collab unreachable: /readyz fails with the reason, and npm start logs it', async () => {
  const collab = `ws://127.0.0.1:${PORT + 1}`;
  const answer = await fetch(`${app.baseURL}/readyz`);
  expect(answer.status).toBe(503);
  expect(await answer.json()).toEqual({ ready: false, reason: `collab is unreachable at ${collab} (ECONNREFUSED)` });
  await expect.poll(() => app.output()).toContain(`[start] not ready: collab is unreachable at ${collab} (ECONNREFUSED)`);
});
