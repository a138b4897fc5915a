import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { readWordParts } from '../lib/export/testing/word-parts';
import { expect, test } from './fixtures';
import { editorSelection, openManuscript, select, shareNewManuscript, typeParagraphs } from './writers';

const margin = (page: Page) => page.getByRole('complementary', { name: 'Comments in the margin' });

test('a writer sends a Review DOCX with the threads and a co-author’s suggestion, then a clean one for submission', async ({ browser }, testInfo) => {
  test.slow();
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Word Review' }, 'Commenter');
  await typeParagraphs(ada, ['The boat came in at dusk, _low in the water_, and nobody waved.', 'The keeper said nothing at all.']);
  await expect(ada.status).toHaveText('Saved');

  // Ada comments on the italic words, and on a passage that runs into the next paragraph.
  const comment = async (words: string, body: string, extendBy = '') => {
    await ada.text.click();
    await select(ada, words);
    // Across a paragraph break: one step over the break, then the next paragraph's words.
    if (extendBy) {
      for (let i = 0; i <= extendBy.length; i++) await ada.page.keyboard.press('Shift+ArrowRight');
      await expect.poll(async () => (await editorSelection(ada))?.text).toBe(`${words} ${extendBy}`);
    }
    await ada.page.keyboard.press('Control+Alt+m');
    await ada.page.getByRole('textbox', { name: 'New comment' }).fill(body);
    await ada.page.getByRole('button', { name: 'Comment', exact: true }).last().click();
    await expect(margin(ada.page).getByRole('article').filter({ hasText: body })).toBeVisible();
  };
  await comment('low in the water', 'Lovely image.');
  await comment('nobody waved.', 'Does the silence carry over?', 'The keeper');

  // Ben, a commenter, replies on the first thread and suggests "ship" for "boat".
  const ben = await openManuscript(benWriter, path, 'Live');
  const thread = margin(ben.page).getByRole('article').filter({ hasText: 'Lovely image.' });
  await thread.getByRole('textbox', { name: 'Reply' }).fill('Agreed, keep it.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(margin(ada.page).getByRole('article').filter({ hasText: 'Lovely image.' })).toContainText('Agreed, keep it.');
  await ben.text.click();
  await select(ben, 'boat');
  await ben.page.keyboard.type('ship', { delay: 20 });
  await expect(ada.text.locator('ins.suggestion')).toHaveText('ship');
  // A commenter's status says Live, not Saved: wait until the stored copy, which exports read, has it.
  const id = path.split('/').pop();
  const stored = async () => (await readWordParts(await (await ada.context.request.get(`/api/manuscripts/${id}/export?format=docx&preset=review`)).body())).revisions.length;
  await expect.poll(stored).toBe(2);

  // Ada exports for review: the two threads, the reply under its thread, Ben's change tracked in his name.
  await ada.page.getByRole('button', { name: 'Export' }).click();
  const panel = ada.page.getByRole('complementary', { name: 'Export' });
  await panel.getByLabel('Format').selectOption('docx');
  await expect(panel.getByRole('radio', { name: 'For submission' })).toBeChecked();
  await panel.getByRole('radio', { name: 'For review' }).check();
  await expect(panel.getByLabel('Comments')).toHaveValue('all');
  await expect(panel.getByLabel('Suggestions')).toHaveValue('tracked');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/export-review.png' });
  const download = async (name: string) => {
    const [file] = await Promise.all([ada.page.waitForEvent('download'), panel.getByRole('link', { name: 'Download' }).click()]);
    expect(file.suggestedFilename()).toBe('Word-Review.docx');
    const saved = testInfo.outputPath(name);
    await file.saveAs(saved);
    return readWordParts(fs.readFileSync(saved));
  };
  const review = await download('review.docx');
  const lovely = review.comments.find((c) => c.text === 'Lovely image.')!;
  expect(lovely).toMatchObject({ author: 'Ada', initials: 'A', done: false });
  expect(review.ranges.get(lovely.id)).toBe('low in the water');
  expect(review.italicIn.get(lovely.id)).toBe('low in the water');
  expect(review.comments.filter((c) => c.parentId === lovely.id).map((c) => [c.author, c.text])).toEqual([['Ben', 'Agreed, keep it.']]);
  const silence = review.comments.find((c) => c.text === 'Does the silence carry over?')!;
  expect(review.ranges.get(silence.id)).toBe('nobody waved.¶The keeper');
  expect(review.revisions.map((r) => [r.kind, r.author, r.text])).toEqual([
    ['ins', 'Ben', 'ship'],
    ['del', 'Ben', 'boat'],
  ]);
  for (const revision of review.revisions) expect(revision.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  // Open threads only, suggestions accepted: still comments, no revisions, Ben's word in the text.
  await panel.getByLabel('Comments').selectOption('open');
  await panel.getByLabel('Suggestions').selectOption('accepted');
  const accepted = await download('accepted.docx');
  expect(accepted.comments).toHaveLength(3);
  expect(accepted.revisions).toEqual([]);
  expect(accepted.paragraphs).toContain('The ship came in at dusk, low in the water, and nobody waved.');

  // For submission: clean, the original words.
  await panel.getByRole('radio', { name: 'For submission' }).check();
  await expect(panel.getByLabel('Comments')).toHaveCount(0);
  const clean = await download('submission.docx');
  expect(clean.files.filter((name) => /comments/i.test(name))).toEqual([]);
  expect(clean.references.size).toBe(0);
  expect(clean.revisions).toEqual([]);
  expect(clean.paragraphs).toContain('The boat came in at dusk, low in the water, and nobody waved.');

  // The API checks what it is given.
  const wrong = await ada.context.request.get(`/api/manuscripts/${id}/export?format=docx&preset=review&changes=sideways`);
  expect(wrong.status()).toBe(400);
  const asCommenter = await benWriter.context.request.get(`/api/manuscripts/${id}/export?format=docx&preset=review`);
  expect(asCommenter.status()).toBe(200);
  expect((await readWordParts(await asCommenter.body())).comments).toHaveLength(3);
});
