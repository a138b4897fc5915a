import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { editInWord } from '../lib/export/testing/word-edits';
import { readWordParts } from '../lib/export/testing/word-parts';
import { expect, test } from './fixtures';
import { importChanges, openManuscript, proseText, select, shareNewManuscript, typeAtEnd, typeParagraphs } from './writers';

const margin = (page: Page) => page.getByRole('complementary', { name: 'Comments in the margin' });
const thread = (page: Page, first: string) => margin(page).locator('[data-thread-id]').filter({ hasText: first });
const suggestion = (page: Page, writer: string, what: string) => margin(page).getByRole('article', { name: `Suggestion by ${writer}` }).filter({ hasText: what });

test('a Word round trip: Ada sends a Review DOCX, her editor marks it up in Word, and it comes back onto the text she kept writing', async ({ browser }, testInfo) => {
  test.slow();
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Salt Road' }, 'Editor');

  // Morning: Ada writes two paragraphs and a scene break; Ben, her co-author, writes the next scene.
  await typeParagraphs(ada, ['The boat came in at dusk, _low in the water_, and nobody waved.', 'The keeper said nothing at all.']);
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('#');
  await ada.page.keyboard.press('Enter');
  await expect(ada.text.locator('.scene-break')).toHaveText('#');
  await expect(ada.status).toHaveText('Saved');
  const ben = await openManuscript(benWriter, path);
  await typeAtEnd(ben, 'Gulls wheeled over the quay where the nets lay drying.');
  await expect(ben.status).toHaveText('Saved');

  // Ben leaves a comment on Ada's words, then suggests "ship" for "boat".
  await ben.text.click();
  await select(ben, 'nobody waved');
  await ben.page.keyboard.press('Control+Alt+m');
  await ben.page.getByRole('textbox', { name: 'New comment' }).fill('Does anyone wave, ever?');
  await ben.page.getByRole('button', { name: 'Comment', exact: true }).last().click();
  await expect(thread(ada.page, 'Does anyone wave, ever?')).toBeVisible();
  await ben.page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio', { name: 'Suggesting' }).click();
  await select(ben, 'boat');
  await ben.page.keyboard.type('ship', { delay: 20 });
  await expect(ada.text.locator('ins.suggestion')).toHaveText('ship');
  await expect(ben.status).toHaveText('Saved');

  // Ada exports a Review DOCX from the Export panel: Ben's comment and his change travel, in his name.
  await ada.page.getByRole('button', { name: 'Export' }).click();
  const panel = ada.page.getByRole('complementary', { name: 'Export' });
  await panel.getByLabel('Format').selectOption('docx');
  await panel.getByRole('radio', { name: 'For review' }).check();
  const [download] = await Promise.all([ada.page.waitForEvent('download'), panel.getByRole('link', { name: 'Download' }).click()]);
  const sent = testInfo.outputPath('Salt-Road.docx');
  await download.saveAs(sent);
  const exported = await readWordParts(fs.readFileSync(sent));
  expect(exported.comments.map((comment) => [comment.author, comment.text])).toEqual([['Ben', 'Does anyone wave, ever?']]);
  expect(exported.revisions.map((revision) => [revision.kind, revision.author, revision.text])).toEqual([
    ['ins', 'Ben', 'ship'],
    ['del', 'Ben', 'boat'],
  ]);
  await panel.getByRole('button', { name: 'Close export' }).click();

  // Maria, her editor, works in Word: she answers Ben, comments on the keeper, adds a word and cuts two.
  const maria = { author: 'Maria Rossi', date: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z') };
  const returned = testInfo.outputPath('Salt-Road (Maria).docx');
  fs.writeFileSync(
    returned,
    await editInWord(fs.readFileSync(sent), [
      { kind: 'reply', to: 'Does anyone wave, ever?', text: 'Nobody here does. Keep it.', ...maria },
      { kind: 'comment', on: 'The keeper said nothing', text: 'What does his silence mean?', ...maria },
      { kind: 'insert', after: 'came in', text: ' slowly', ...maria },
      { kind: 'delete', words: ' at all', ...maria },
    ]),
  );

  // Meanwhile Ada keeps writing, in Ben's scene.
  await typeAtEnd(ada, ' The harbour slept.');
  await expect(ada.status).toHaveText('Saved');

  // She imports Maria's file: what was already there is recognised, Maria's work is placed.
  const importPanel = await importChanges(ada, returned);
  await expect(importPanel.getByRole('status')).toHaveText('2 comments and 2 changes from Maria Rossi placed; 1 change was already in the manuscript; 1 comment was already there.');
  await ada.page.screenshot({ path: 'e2e/artifacts/word-round-trip-summary.png' });
  await importPanel.getByRole('button', { name: /^Close/ }).click();

  // Maria's comment is on the keeper's words; her answer sits under Ben's thread; her changes are suggestions in her name.
  for (const writer of [ada, ben]) {
    await expect(thread(writer.page, 'What does his silence mean?')).toContainText('Maria Rossi · guest');
    await expect(writer.text.locator('[data-thread-id]').filter({ hasText: 'The keeper said nothing' }).first()).toBeVisible();
    await expect(thread(writer.page, 'Does anyone wave, ever?')).toContainText('Nobody here does. Keep it.');
    await expect(suggestion(writer.page, 'Maria Rossi (guest)', 'Add ‘slowly’')).toBeVisible();
    await expect(suggestion(writer.page, 'Maria Rossi (guest)', 'Delete ‘at all’')).toBeVisible();
    await expect(suggestion(writer.page, 'Ben', 'Replace ‘boat’ with ‘ship’')).toHaveCount(1);
  }
  await expect(margin(ada.page).locator('[data-thread-id]').filter({ hasText: 'Does anyone wave, ever?' })).toHaveCount(1);
  await ada.page.screenshot({ path: 'e2e/artifacts/word-round-trip-review.png' });

  // Ada takes "slowly" and keeps "at all"; Ben's change still waits for her.
  await suggestion(ada.page, 'Maria Rossi (guest)', 'Add ‘slowly’').getByRole('button', { name: 'Accept' }).click();
  await suggestion(ada.page, 'Maria Rossi (guest)', 'Delete ‘at all’').getByRole('button', { name: 'Reject' }).click();
  const expected = [
    'The boatship came in slowly at dusk, low in the water, and nobody waved.',
    'The keeper said nothing at all.',
    '#',
    'Gulls wheeled over the quay where the nets lay drying. The harbour slept.',
  ].join('\n');
  await expect.poll(() => proseText(ada)).toBe(expected);
  await expect(ada.text.locator('.suggestion')).toHaveText(['boat', 'ship']);
  await expect(ada.status).toHaveText('Saved');
  await expect.poll(() => proseText(ben)).toBe(expected);

  // Kept: after a reload the words, Maria's thread and Ben's with her answer are there.
  await ada.page.reload();
  await expect(ada.status).toHaveText('Saved');
  await expect.poll(() => proseText(ada)).toBe(expected);
  await expect(ada.text.locator('em')).toHaveText('low in the water');
  await expect(thread(ada.page, 'What does his silence mean?')).toBeVisible();
  await expect(thread(ada.page, 'Does anyone wave, ever?')).toContainText('Nobody here does. Keep it.');
  await ada.page.screenshot({ path: 'e2e/artifacts/word-round-trip-after-reload.png' });
});
