import fs from 'node:fs';
import { expect, test } from './fixtures';
import { inbox, openManuscript, saveDraft, shareNewManuscript, typeAtEnd } from './writers';

test('Ada restores “Second draft” while Ben writes: Ben is told who and what, finds the undo in History, and hears of it in his inbox', async ({ browser }, testInfo) => {
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Restore Journey', text: 'The keeper climbed the stairs at dusk.' }, 'Editor');

  const adaHistory = await saveDraft(ada, 'Second draft');

  // Ben writes on.
  const ben = await openManuscript(benWriter, path);
  await typeAtEnd(ben, ' Ben wrote this later.');
  await expect(ada.text).toContainText('Ben wrote this later.');
  await expect(ben.status).toHaveText('Saved');

  // Ada restores the draft. Ben's text changes, and he is told why, calmly.
  ada.page.once('dialog', (dialog) => void dialog.accept());
  await adaHistory.getByRole('listitem').filter({ hasText: 'Second draft' }).getByRole('button', { name: 'Restore' }).click();
  await expect(ada.page.locator('.notice')).toContainText('Restored “Second draft”');
  await expect(ben.text).not.toContainText('Ben wrote this later.');
  const told = ben.page.getByRole('status', { name: 'Draft restored' });
  await expect(told).toContainText('Ada restored “Second draft” — Undo is in History.');
  await expect(ada.page.getByRole('status', { name: 'Draft restored' })).toHaveCount(0);
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ben.page.screenshot({ path: testInfo.outputPath('restored-notice.png') });
  await ben.page.screenshot({ path: 'e2e/artifacts/restored-notice.png' });

  // The bell has it too.
  const bell = inbox(ben.page);
  await expect(bell.count).toBeVisible();
  await bell.bell.click();
  await expect(bell.panel).toContainText('Ada restored a draft');
  await expect(bell.panel).toContainText('Second draft');
  await ben.page.keyboard.press('Escape');

  // The undo is where the banner says: Ben restores the state before, and his words are back.
  await told.getByRole('button', { name: 'Open History' }).click();
  const benHistory = ben.page.getByRole('complementary', { name: 'History' });
  const before = benHistory.getByRole('listitem').filter({ hasText: 'Before restoring “Second draft”' });
  await expect(before).toBeVisible();
  ben.page.once('dialog', (dialog) => void dialog.accept());
  await before.getByRole('button', { name: 'Restore' }).click();
  await expect(ben.text).toContainText('Ben wrote this later.');
  await expect(ada.text).toContainText('Ben wrote this later.');
  await expect(ada.page.getByRole('status', { name: 'Draft restored' })).toContainText('Ben restored “Before restoring “Second draft”” — Undo is in History.');
  await ben.page.keyboard.press('Escape');
  await expect(benHistory).toHaveCount(0);
  await ben.page.getByRole('status', { name: 'Draft restored' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(ben.page.getByRole('status', { name: 'Draft restored' })).toHaveCount(0);
});
