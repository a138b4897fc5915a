import fs from 'node:fs';
import JSZip from 'jszip';
import { expect, test } from './fixtures';
import { draftId, openManuscript, saveDraft, shareNewManuscript } from './writers';

test('A saves Draft 1, B rewrites a paragraph, A compares, restores Draft 1 live, and exports the draft', async ({ browser }, testInfo) => {
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Drafts Journey', text: 'The keeper climbed the stairs at dusk.' }, 'Editor');

  // Ada saves "Draft 1".
  const history = await saveDraft(ada, 'Draft 1');

  // Ben rewrites the paragraph.
  const ben = await openManuscript(benWriter, path);
  await expect(ben.text).toContainText('The keeper climbed the stairs at dusk.');
  await ben.text.click();
  await ben.page.keyboard.press('Control+a');
  await ben.page.keyboard.type('At midnight the keeper climbed, slowly, to the lamp.');
  await expect(ada.text).toContainText('At midnight the keeper climbed');
  await expect(ben.status).toHaveText('Saved');

  // Ada compares Draft 1 with the current manuscript: Ben's words are marked.
  await ada.page.goto(`${path}/drafts/${await draftId(ada, path, 'Draft 1')}/compare`);
  await expect(ada.page.getByRole('region', { name: 'Summary of changes' })).toContainText('1 scene changed');
  const marked = ada.page.locator('.compare-text ins');
  await expect(marked.first()).toBeVisible();
  expect((await marked.allInnerTexts()).join(' ')).toContain('midnight');
  expect((await ada.page.locator('.compare-text del').allInnerTexts()).join(' ')).toContain('dusk');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/compare.png', fullPage: true });

  // Ada restores Draft 1; Ben sees it live, without reloading.
  await ada.page.goto(path);
  await expect(ada.status).toHaveText('Saved');
  await ada.page.getByRole('button', { name: 'History' }).click();
  ada.page.once('dialog', (dialog) => void dialog.accept());
  await history.getByRole('listitem').filter({ hasText: 'Draft 1' }).getByRole('button', { name: 'Restore' }).click();
  await expect(ada.page.locator('.notice')).toContainText('Restored “Draft 1”');
  await expect(ben.text).toContainText('The keeper climbed the stairs at dusk.');
  await expect(ben.text).not.toContainText('midnight');
  // The state before the restore was kept, so the restore can itself be undone.
  await expect(history.getByRole('list', { name: 'Drafts' })).toContainText('Before restoring “Draft 1”');

  // The draft exports as DOCX.
  const response = await ada.context.request.get(`/api/manuscripts/${path.split('/').pop()}/export?format=docx&draft=${await draftId(ada, path, 'Draft 1')}`);
  expect(response.status()).toBe(200);
  const zip = await JSZip.loadAsync(await response.body());
  expect(await zip.file('word/document.xml')!.async('string')).toContain('The keeper climbed the stairs at dusk.');
  void testInfo;
});
