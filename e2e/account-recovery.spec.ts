import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { E2E_COLLAB_PUBLIC_URL, E2E_DATABASE_URL } from './environment';
import { keepMail } from './mailbox';
import { createManuscript, signUp, uniqueEmail } from './writers';

/** What the journeys' local SMTP server received. */
const mail = keepMail();

const WEB_PORT = Number(process.env.E2E_PORT ?? 3123);

/**
 * A second web process on the same database and build, configured as another owner would: no SMTP,
 * and sign-up as given. Stopped by its own pid at the end of the test.
 */
async function startWebServer(port: number, signup: 'invite' | 'closed'): Promise<{ url: string; stop: () => void }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: 'production', DATABASE_URL: E2E_DATABASE_URL, AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret', SIGNUP: signup, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.SMTP_URL;
  if (E2E_COLLAB_PUBLIC_URL) env.COLLAB_PUBLIC_URL = E2E_COLLAB_PUBLIC_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/web-server.ts'], { env, stdio: 'ignore' });
  const url = `http://localhost:${port}`;
  await expect.poll(async () => (await fetch(`${url}/signin`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
  return { url, stop: () => void child.kill('SIGTERM') };
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test('Ada forgot her password: the sign-in page offers a reset, the emailed link works once, and her new password lets her in', async ({ browser }, testInfo) => {
  const ada = await signUp(browser, 'Ada');
  await ada.context.close();
  const page = await freshPage(browser);
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email').fill(ada.email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByText(`If ${ada.email} has an account here, a link to set a new password is on its way.`)).toBeVisible();
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await page.screenshot({ path: testInfo.outputPath('forgot-password.png') });
  await page.screenshot({ path: 'e2e/artifacts/forgot-password.png' });

  // An unknown address gets the same answer, and no email.
  const stranger = uniqueEmail('Nobody');
  await page.getByLabel('Email').fill(stranger);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByText(`If ${stranger} has an account here`)).toBeVisible();

  await expect.poll(() => mail.filter((m) => m.to.includes(ada.email)).length, { timeout: 10_000 }).toBe(1);
  const letter = mail.find((m) => m.to.includes(ada.email))!;
  expect(letter.text).toContain('Set a new Scriptorium password');
  const link = /https?:\/\/\S+\/reset-password\/[\w-]+/.exec(letter.text)![0];
  expect(mail.some((m) => m.to.includes(stranger))).toBe(false);

  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('a new password for ada');
  await page.getByLabel('The same again').fill('a new password for ada');
  await page.screenshot({ path: testInfo.outputPath('reset-password.png') });
  await page.screenshot({ path: 'e2e/artifacts/reset-password.png' });
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText('Your new password is set. Sign in with it.')).toBeVisible();
  await page.getByLabel('Email').fill(ada.email);
  await page.getByLabel('Password').fill('a new password for ada');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My manuscripts' })).toBeVisible();

  // The link was spent.
  const again = await freshPage(browser);
  await again.goto(new URL(link).pathname);
  await expect(again.getByRole('alert').filter({ hasText: 'This link has expired or was already used.' })).toBeVisible();
  // And the old password no longer works.
  await again.goto('/signin');
  await again.getByLabel('Email').fill(ada.email);
  await again.getByLabel('Password').fill(ada.password);
  await again.getByRole('button', { name: 'Sign in' }).click();
  await expect(again.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
});

test('an owner who runs Scriptorium by invitation only: strangers are refused by the sign-up itself, invited writers get in; closed lets nobody sign up', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  // On the main server (open sign-up), Ada invites Ben by email and makes an invitation link.
  const ada = await signUp(browser, 'Ada');
  const path = await createManuscript(ada, 'By Invitation');
  const manuscriptId = path.split('/').pop()!;
  const benEmail = uniqueEmail('Ben');
  expect((await ada.context.request.post(`/api/manuscripts/${manuscriptId}/members`, { data: { email: benEmail, role: 'editor' } })).ok()).toBe(true);
  const invitation = (await (await ada.context.request.post(`/api/manuscripts/${manuscriptId}/invitations`, { data: { role: 'viewer' } })).json()) as { path: string };

  const invite = await startWebServer(WEB_PORT + 10, 'invite');
  try {
    // A stranger: the form says it is by invitation, and the sign-up action refuses the account.
    const stranger = await freshPage(browser);
    await stranger.goto(`${invite.url}/signup`);
    await expect(stranger.getByText('Accounts here are by invitation: use the email address your invitation was sent to.')).toBeVisible();
    const strangerEmail = uniqueEmail('Stranger');
    await stranger.getByLabel('Email').fill(strangerEmail);
    await stranger.getByLabel('Display name').fill('Stranger');
    await stranger.getByLabel('Password').fill('a stranger password');
    await stranger.getByRole('button', { name: 'Create account' }).click();
    await expect(stranger.getByRole('alert').filter({ hasText: 'Accounts here are by invitation.' })).toBeVisible();
    await stranger.screenshot({ path: testInfo.outputPath('signup-invite-refused.png') });
    await stranger.screenshot({ path: 'e2e/artifacts/signup-invite-refused.png' });
    expect((await ada.context.request.post(`/api/manuscripts/${manuscriptId}/members`, { data: { email: strangerEmail, role: 'viewer' } })).ok()).toBe(true);
    // (That share is an invitation now, proving no account was made for the stranger.)
    const members = (await (await ada.context.request.get(`/api/manuscripts/${manuscriptId}/members`)).json()) as { invitations?: { email: string | null }[] };
    expect(JSON.stringify(members)).toContain(strangerEmail);

    // Ben, invited by email, signs up.
    const ben = await freshPage(browser);
    await ben.goto(`${invite.url}/signup`);
    await ben.getByLabel('Email').fill(benEmail);
    await ben.getByLabel('Display name').fill('Ben');
    await ben.getByLabel('Password').fill('a password for ben');
    await ben.getByRole('button', { name: 'Create account' }).click();
    await expect(ben.getByRole('heading', { name: 'My manuscripts' })).toBeVisible();
    await expect(ben.getByText('By Invitation')).toBeVisible();

    // Cy arrives through the invitation link, with an email nobody invited.
    const cy = await freshPage(browser);
    await cy.goto(`${invite.url}${invitation.path}`);
    await cy.getByRole('link', { name: 'Create an account' }).click();
    await cy.waitForURL(/\/signup/);
    await expect(cy.getByText('Accounts here are by invitation')).toHaveCount(0);
    // After a client-side navigation the form may be drawn twice; fill until what was typed stays.
    const cyEmail = uniqueEmail('Cy');
    await expect(async () => {
      await cy.getByLabel('Email').fill(cyEmail);
      await cy.getByLabel('Display name').fill('Cy');
      await cy.getByLabel('Password').fill('a password for cy');
      await cy.waitForTimeout(300);
      await expect(cy.getByLabel('Email')).toHaveValue(cyEmail, { timeout: 100 });
    }).toPass({ timeout: 15_000 });
    await cy.getByRole('button', { name: 'Create account' }).click();
    await expect(cy.getByRole('heading', { name: 'You are invited' })).toBeVisible();

    // This server sends no email: the forgotten-password page names the CLI command for the owner.
    await stranger.goto(`${invite.url}/forgot-password`);
    await expect(stranger.getByText('npm run cli -- user:reset-password --email you@example.com')).toBeVisible();
    await stranger.screenshot({ path: testInfo.outputPath('forgot-password-no-smtp.png') });
    await stranger.screenshot({ path: 'e2e/artifacts/forgot-password-no-smtp.png' });
  } finally {
    invite.stop();
  }

  const closed = await startWebServer(WEB_PORT + 11, 'closed');
  try {
    const page = await freshPage(browser);
    await page.goto(`${closed.url}/signup`);
    await expect(page.getByText('This Scriptorium is not taking new accounts.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);
    await page.goto(`${closed.url}/signin`);
    await expect(page.getByRole('link', { name: 'Create an account' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('signin-closed.png') });
  } finally {
    closed.stop();
  }
});
