import fs from 'node:fs';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, signUp } from './writers';

test('the desk answers a writer plainly: History offline says it needs a connection, Escape closes each panel back to its button, and the two settings are told apart', async ({ browser }, testInfo) => {
  const writer = await signUp(browser, 'Ada');
  // Home: one settings link, named for what it is.
  await expect(writer.page.getByRole('link', { name: 'Account settings' })).toBeVisible();
  await expect(writer.page.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
  const ada = await openManuscript(writer, await createManuscript(writer, 'Desk Journey'));
  await expect(ada.page.getByRole('link', { name: 'Account settings' })).toHaveAttribute('href', '/settings');
  await expect(ada.page.getByRole('link', { name: 'Manuscript settings' })).toHaveAttribute('href', /\/m\/[a-z0-9]+\/settings$/);
  await expect(ada.page.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);

  // Escape closes each panel and gives focus back to the button that opened it: the inbox first.
  const bell = ada.page.getByRole('button', { name: /^Inbox/ });
  await bell.click();
  const inboxPanel = ada.page.getByRole('dialog', { name: 'Inbox' });
  await inboxPanel.getByRole('link', { name: 'Notification settings' }).focus();
  await ada.page.keyboard.press('Escape');
  await expect(inboxPanel).toHaveCount(0);
  await expect(bell).toBeFocused();
  for (const [button, panel] of [
    ['History', 'History'],
    ['Export', 'Export'],
    ['Share', 'Sharing'],
    ['Comments', 'Comments'],
  ] as const) {
    const opener = ada.page.getByRole('button', { name: button, exact: true });
    await opener.click();
    await expect(ada.page.getByRole('complementary', { name: panel, exact: true })).toBeVisible();
    await ada.page.keyboard.press('Escape');
    await expect(ada.page.getByRole('complementary', { name: panel, exact: true })).toHaveCount(0);
    await expect(opener).toBeFocused();
  }
  // From a field inside the panel too; and the Close button gives focus back as well.
  const historyButton = ada.page.getByRole('button', { name: 'History', exact: true });
  await historyButton.click();
  await ada.page.getByLabel('Draft name').click();
  await ada.page.keyboard.type('Half a name');
  await ada.page.keyboard.press('Escape');
  await expect(ada.page.getByRole('complementary', { name: 'History' })).toHaveCount(0);
  await expect(historyButton).toBeFocused();
  await historyButton.click();
  await ada.page.getByRole('button', { name: 'Close history' }).click();
  await expect(historyButton).toBeFocused();
  // Escape while writing belongs to the editor, not to a panel left open beside it.
  await historyButton.click();
  await ada.text.click();
  await ada.page.keyboard.press('Escape');
  await expect(ada.page.getByRole('complementary', { name: 'History' })).toBeVisible();
  await ada.page.getByRole('button', { name: 'Close history' }).click();

  // Offline, History says it needs a connection instead of spinning; back online, it loads by itself.
  await ada.context.setOffline(true);
  await historyButton.click();
  const history = ada.page.getByRole('complementary', { name: 'History' });
  await expect(history).toContainText('History needs a connection');
  await expect(history).not.toContainText('Loading');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: testInfo.outputPath('history-offline.png') });
  await ada.page.screenshot({ path: 'e2e/artifacts/history-offline.png' });
  await ada.context.setOffline(false);
  await expect(history).toContainText('No drafts yet');
});
