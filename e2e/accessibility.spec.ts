import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, select, shareWith, signUp, typeAtEnd } from './writers';

/** Opens one of the manuscript's side panels from the top bar and waits for it. */
async function openPanel(page: Page, button: RegExp | string, name: string) {
  await page.getByRole('button', { name: button }).first().click();
  const panel = page.getByRole('complementary', { name, exact: true });
  await expect(panel).toBeVisible();
  return panel;
}

test('every page passes an axe scan: no serious or critical WCAG 2.2 AA violations', async ({ browser }) => {
  // Fourteen axe scans; on two loaded cores each can take several seconds.
  test.setTimeout(300_000);
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  // Signed out: the sign-in and sign-up pages.
  const visitor = await browser.newContext();
  const signedOut = await visitor.newPage();
  await signedOut.goto('/signin');
  await expectNoSeriousViolations(signedOut, 'sign-in');
  await signedOut.goto('/signup');
  await expectNoSeriousViolations(signedOut, 'sign-up');
  await visitor.close();

  const adaWriter = await signUp(browser, 'Ada');
  const benWriter = await signUp(browser, 'Ben');
  const path = await createManuscript(adaWriter, 'Accessible Journey');
  const manuscriptId = path.split('/').pop()!;
  await adaWriter.page.goto('/');
  await expectNoSeriousViolations(adaWriter.page, 'home');

  // The manuscript with its binder, and a comment in the margin.
  const ada = await openManuscript(adaWriter, path);
  await typeAtEnd(ada, 'The lighthouse stood on the last rock of the bay.');
  await expect(ada.status).toHaveText('Saved');
  await select(ada, 'The lighthouse stood');
  await ada.page.keyboard.press('Control+Alt+m');
  await ada.page.getByRole('textbox', { name: 'New comment' }).fill('Which bay?');
  await ada.page.getByRole('button', { name: 'Comment', exact: true }).last().click();
  await expect(ada.page.getByRole('complementary', { name: 'Comments in the margin' }).getByRole('article')).toContainText('Which bay?');
  await expectNoSeriousViolations(ada.page, 'manuscript with binder and margin');

  for (const [button, name] of [['Find', 'Find'], [/^Comments/, 'Comments'], ['History', 'History'], ['Export', 'Export'], ['Share', 'Sharing'], ['Writing room', 'Writing room']] as const) {
    await openPanel(ada.page, button, name);
    await expectNoSeriousViolations(ada.page, `manuscript with the ${name} panel open`);
    await ada.page.screenshot({ path: `e2e/artifacts/desktop-panel-${name.toLowerCase()}.png` });
  }
  await shareWith(ada, benWriter.email, 'Commenter');
  await ada.page.getByRole('button', { name: 'Close sharing' }).click();

  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  await expect(ada.page.getByRole('article', { name: 'Read-through' })).toContainText('lighthouse');
  await expectNoSeriousViolations(ada.page, 'read-through');

  // A draft, read and compared.
  const saved = await ada.context.request.post(`/api/manuscripts/${manuscriptId}/drafts`, { data: { name: 'Draft 1' } });
  expect(saved.ok()).toBe(true);
  const draftId = ((await saved.json()) as { id: string }).id;
  await ada.page.goto(`${path}/drafts/${draftId}`);
  await expectNoSeriousViolations(ada.page, 'draft');
  await ada.page.goto(`${path}/drafts/${draftId}/compare`);
  await expectNoSeriousViolations(ada.page, 'compare');

  await ada.page.goto('/settings');
  await expectNoSeriousViolations(ada.page, 'account settings');
  await ada.page.goto(`${path}/settings`);
  await expectNoSeriousViolations(ada.page, 'manuscript settings');

  // An invitation link, as the invited writer sees it.
  await ada.page.goto(path);
  const sharing = await openPanel(ada.page, 'Share', 'Sharing');
  await sharing.getByRole('form', { name: 'Create invitation link' }).getByRole('button', { name: 'Create link' }).click();
  const link = (await sharing.getByTestId('secret').textContent())!.trim();
  await benWriter.page.goto(new URL(link).pathname);
  await expect(benWriter.page.getByRole('heading', { name: 'You are invited' })).toBeVisible();
  await expectNoSeriousViolations(benWriter.page, 'invitation');
});

test('by keyboard: panels close with Escape and give focus back, a passage and its thread are one shortcut apart, arrivals are announced', async ({ browser }) => {
  test.slow();
  const adaWriter = await signUp(browser, 'Ada');
  const benWriter = await signUp(browser, 'Ben');
  const path = await createManuscript(adaWriter, 'Keyboard Journey');
  const ada = await openManuscript(adaWriter, path);
  await expect(ada.page.getByRole('textbox', { name: /^Text of / })).toBeVisible();

  // Every side panel: focus moves into it, Escape closes it, focus is back on its button.
  for (const [button, name] of [[/^Comments/, 'Comments'], ['History', 'History'], ['Export', 'Export'], ['Share', 'Sharing']] as const) {
    const opener = ada.page.getByRole('button', { name: button }).first();
    await opener.focus();
    await ada.page.keyboard.press('Enter');
    const panel = ada.page.getByRole('complementary', { name, exact: true });
    await expect(panel.getByRole('heading').first()).toBeFocused();
    await ada.page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(opener).toBeFocused();
  }
  await shareWith(ada, benWriter.email, 'Commenter');
  await ada.page.getByRole('button', { name: 'Close sharing' }).click();

  // From the commented passage to its thread and back, where the caret was.
  await typeAtEnd(ada, 'The keeper trimmed the wick at dusk.');
  await select(ada, 'trimmed the wick');
  await ada.page.keyboard.press('Control+Alt+m');
  await ada.page.getByRole('textbox', { name: 'New comment' }).fill('Which wick?');
  await ada.page.keyboard.press('Control+Enter');
  const card = ada.page.getByRole('complementary', { name: 'Comments in the margin' }).getByRole('article');
  await expect(card).toContainText('Which wick?');
  await select(ada, 'the wick');
  await ada.page.keyboard.press('ArrowLeft');
  await ada.page.keyboard.press('Control+Alt+j');
  await expect(card).toBeFocused();
  await ada.page.keyboard.press('Control+Alt+j');
  await expect(ada.text).toBeFocused();
  // The caret is back before "the wick": typing lands there.
  await ada.page.keyboard.type('very ');
  await expect(ada.text).toContainText('trimmed very the wick');
  await ada.page.keyboard.press('Control+Alt+j');
  await expect(card).toBeFocused();
  await ada.page.keyboard.press('Escape');
  await expect(ada.text).toBeFocused();

  // Ben arrives and leaves: Ada's screen reader hears it once each, politely.
  const announcement = ada.page.getByTestId('presence-announcement');
  await expect(announcement).toHaveAttribute('aria-live', 'polite');
  const ben = await openManuscript(benWriter, path, 'Live');
  await expect(announcement).toHaveText('Ben joined');
  await ben.context.close();
  await expect(announcement).toHaveText('Ben left', { timeout: 40_000 });
});
