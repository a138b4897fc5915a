import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createManuscript, signUp } from './writers';

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard writer would; fails if it is
 * never reached. In the text, Tab is the writer's own, so Escape first lets it move on.
 */
async function tabTo(page: Page, target: Locator, { most = 60, backward = false } = {}) {
  for (let presses = 0; presses < most; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    if (await page.evaluate(() => document.activeElement?.closest('.manuscript-text') !== null && document.activeElement !== null)) await page.keyboard.press('Escape');
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached by Tab within ${most} presses`).toBeFocused();
}

test('without the mouse: sign in, open a manuscript, write, comment, reply, resolve, export, sign out', async ({ browser }) => {
  test.slow();
  const setup = await signUp(browser, 'Kit');
  await createManuscript(setup, 'The Keyboard Road');
  await setup.context.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(setup.email);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(setup.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My manuscripts' })).toBeVisible();

  // Open the manuscript from the list.
  await tabTo(page, page.getByRole('link', { name: 'The Keyboard Road' }));
  await page.keyboard.press('Enter');
  const text = page.getByRole('textbox', { name: /^Text of / });
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  // Write a paragraph.
  await tabTo(page, text);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('The road ran north along the cliffs, and the wind came with it.', { delay: 5 });
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  // Comment on "the wind came with it": select it with Shift+arrows, then the shortcut.
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'the wind came with it'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+Alt+m');
  await expect(page.getByRole('textbox', { name: 'New comment' })).toBeFocused();
  await page.keyboard.type('Does the wind need to come?');
  await page.keyboard.press('Control+Enter');
  const card = page.getByRole('complementary', { name: 'Comments in the margin' }).getByRole('article');
  await expect(card).toContainText('Does the wind need to come?');
  // The caret is back in the text, on the passage: the shortcut goes to its thread.
  await expect(text).toBeFocused();
  await page.keyboard.press('Control+Alt+j');
  await expect(card).toBeFocused();

  // Reply, then resolve.
  await tabTo(page, card.getByRole('textbox', { name: 'Reply' }));
  await page.keyboard.type('It does: it carries the smell of the sea.');
  await page.keyboard.press('Control+Enter');
  await expect(card).toContainText('It does: it carries the smell of the sea.');
  await tabTo(page, card.getByRole('button', { name: 'Resolve' }));
  await page.keyboard.press('Enter');
  await expect(card).toHaveCount(0);

  // Export as Word from the Export panel.
  await tabTo(page, page.getByRole('button', { name: 'Export' }));
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Export' });
  await tabTo(page, panel.getByRole('link', { name: 'Download' }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('The-Keyboard-Road.docx');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // Back to the list, and sign out.
  await tabTo(page, page.getByRole('link', { name: /^Scriptorium/ }), { backward: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My manuscripts' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await context.close();
});
