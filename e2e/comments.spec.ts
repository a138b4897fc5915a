import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openManuscript, select, shareNewManuscript, typeAtEnd, type InManuscript } from './writers';

const margin = (page: Page) => page.getByRole('complementary', { name: 'Comments in the margin' });
const highlight = (writer: InManuscript) => writer.text.locator('.comment-highlight');

test('margin comments: live for co-authors, anchored to their words, detached when deleted, resolved and kept', async ({ browser }) => {
  // A long journey of two writers; on two shared cores it can outlast the default minute.
  test.slow();
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Comments Journey' }, 'Commenter');
  await typeAtEnd(ada, 'The sea was calm that evening.');
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('The lamp burned all night long, and nobody came.');
  await expect(ada.status).toHaveText('Saved');
  const ben = await openManuscript(benWriter, path, 'Live');
  const dialogs: string[] = [];
  for (const page of [ada.page, ben.page]) page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));

  // Ada comments on a sentence with the keyboard shortcut.
  await ada.text.click();
  await select(ada, 'The lamp burned all night long');
  await ada.page.keyboard.press('Control+Alt+m');
  await ada.page.getByRole('textbox', { name: 'New comment' }).fill('Is this too long, @Ben?');
  await ada.page.getByRole('button', { name: 'Comment', exact: true }).last().click();
  await expect(highlight(ada)).toHaveText('The lamp burned all night long');

  // Ben, a commenter, sees the thread level with the sentence, and replies.
  const benCard = margin(ben.page).getByRole('article');
  await expect(benCard).toContainText('Is this too long, @Ben?');
  await expect(highlight(ben)).toHaveText('The lamp burned all night long');
  const cardBox = (await benCard.boundingBox())!;
  const passageBox = (await highlight(ben).boundingBox())!;
  expect(Math.abs(cardBox.y - passageBox.y)).toBeLessThan(40);
  await benCard.getByRole('textbox', { name: 'Reply' }).fill('It reads well. @Ada');
  await benCard.getByRole('button', { name: 'Reply' }).click();
  await expect(margin(ada.page).getByRole('article')).toContainText('It reads well.');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/comments-margin.png' });

  // Ben may not resolve; a commenter's card offers no such button.
  await expect(benCard.getByRole('button', { name: 'Resolve' })).toHaveCount(0);

  // A comment body that looks like HTML is shown as text and runs nothing.
  await ben.text.click();
  await select(ben, 'The sea was calm');
  await ben.page.keyboard.press('Control+Alt+m');
  await ben.page.getByRole('textbox', { name: 'New comment' }).fill('<img src=x onerror=alert(1)>');
  await ben.page.getByRole('button', { name: 'Comment', exact: true }).last().click();
  const xss = margin(ada.page).getByRole('article').filter({ hasText: '<img src=x onerror=alert(1)>' });
  await expect(xss).toBeVisible();
  await expect(margin(ada.page).locator('img')).toHaveCount(0);
  // Two threads on neighbouring lines stack in the margin without overlapping (once the cards have slid into place).
  const apart = async () => {
    const [first, second] = await Promise.all(
      [xss, margin(ada.page).getByRole('article').filter({ hasText: 'Is this too long' })].map(async (card) => (await card.boundingBox())!),
    );
    return first!.y + first!.height <= second!.y || second!.y + second!.height <= first!.y;
  };
  await expect.poll(apart).toBe(true);

  // Ada types a paragraph above: the highlight still covers the same words.
  await ada.text.click();
  await ada.page.keyboard.press('Control+Home');
  await ada.page.keyboard.type('A new opening line.');
  await ada.page.keyboard.press('Enter');
  await expect(ben.text).toContainText('A new opening line.');
  await expect(highlight(ben).filter({ hasText: 'lamp' })).toHaveText('The lamp burned all night long');
  await expect(highlight(ada).filter({ hasText: 'lamp' })).toHaveText('The lamp burned all night long');

  // Ada deletes the sentence: the thread becomes detached, quoting it.
  await select(ada, 'The lamp burned all night long, and nobody came.');
  await ada.page.keyboard.press('Backspace');
  const detached = ben.page.getByRole('region', { name: 'Detached comments' });
  await expect(detached).toContainText('“The lamp burned all night long”');
  await expect(detached).toContainText('It reads well.');

  // Ada resolves it: it leaves the margin, and the panel lists it under Resolved, also after a reload.
  await ada.page.getByRole('region', { name: 'Detached comments' }).getByRole('button', { name: 'Resolve' }).click();
  await expect(ben.page.getByRole('region', { name: 'Detached comments' })).toHaveCount(0);
  await ada.page.reload();
  await expect(ada.status).toHaveText('Saved');
  await ada.page.getByRole('button', { name: /^Comments/ }).click();
  const panel = ada.page.getByRole('complementary', { name: 'Comments' });
  await expect(panel.getByRole('list', { name: 'Threads' })).not.toContainText('lamp burned');
  await panel.getByRole('radio', { name: 'Resolved' }).click();
  await expect(panel.getByRole('list', { name: 'Threads' })).toContainText('The lamp burned all night long');
  // Reopened from the panel, it is back (detached, since its words are gone) for everyone.
  await panel.getByRole('list', { name: 'Threads' }).getByRole('button', { name: 'Reopen' }).click();
  await expect(ben.page.getByRole('region', { name: 'Detached comments' })).toContainText('It reads well.');
  await panel.getByRole('radio', { name: 'Mentioning me' }).click();
  await expect(panel.getByRole('list', { name: 'Threads' })).toContainText('It reads well.');
  expect(dialogs).toEqual([]);
});
