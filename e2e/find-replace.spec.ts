import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiSignIn, createManuscript, importDraft, openManuscript, shareNewManuscript, shareWith, typeAtEnd } from './writers';

const DRAFT = [
  '---',
  'title: "The Keeper"',
  '---',
  '',
  '## Harbour',
  '',
  'Anna walked the harbour wall. The keeper nodded to *Anna* and went in.',
  '',
  '* * *',
  '',
  'At dusk Anna lit the lamp; Annabel watched.',
  '',
  '## Storm',
  '',
  'The storm found Anna awake.',
  '',
  '* * *',
  '',
  'Nobody else was there.',
  '',
  '* * *',
  '',
  'Anna wrote it all down, and then Anna slept.',
  '',
].join('\n');

const scene = (page: Page, name: string) => page.getByRole('tree', { name: 'Manuscript structure' }).getByRole('treeitem', { name: new RegExp(`^${name}, `) });
const wholeWords = (text: string, word: string) => text.match(new RegExp(`\\b${word}\\b`, 'g'))?.length ?? 0;

test('a writer renames a character across the manuscript while a co-author writes, and one Undo brings the name back', async ({ browser }, testInfo) => {
  fs.mkdirSync('e2e/artifacts', { recursive: true });

  // Ada imports her draft: two chapters, five scenes, "Anna" six times as a name (once in italics).
  const draft = testInfo.outputPath('The Keeper.md');
  fs.writeFileSync(draft, DRAFT);
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { draft }, 'Editor');
  const id = path.split('/').pop()!;
  const ben = await openManuscript(benWriter, path);
  await scene(ben.page, 'Scene 3').click();
  await expect(ben.text).toContainText('The storm found Anna awake.');

  // Ctrl+F: Find in this scene, matches highlighted, "1 of 2", Enter and Shift+Enter move.
  await ada.text.click();
  await ada.page.keyboard.press('Control+Home');
  await ada.page.keyboard.press('Control+F');
  const find = ada.page.getByRole('complementary', { name: 'Find' });
  await expect(find.getByLabel('Find', { exact: true })).toBeFocused();
  const count = find.getByRole('status', { name: 'Matches' });
  // A word this scene lacks: Find says so, and that another scene has it.
  await ada.page.keyboard.type('storm');
  await expect(count).toHaveText('No matches · 1 match in other scenes');
  await ada.page.keyboard.press('Control+A');
  await ada.page.keyboard.type('anna');
  await expect(count).toHaveText('1 of 2');
  await expect(ada.text.locator('.ProseMirror-search-match, .ProseMirror-active-search-match')).toHaveCount(2);
  await ada.page.keyboard.press('Enter');
  await expect(count).toHaveText('2 of 2');
  await expect(ada.text.locator('.ProseMirror-active-search-match')).toHaveText('Anna');
  await expect(ada.text.locator('.ProseMirror-active-search-match em, em .ProseMirror-active-search-match')).toHaveCount(1);
  await ada.page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText('1 of 2');
  await ada.page.screenshot({ path: 'e2e/artifacts/find-in-scene.png' });
  // Highlights are decorations on Ada's screen only: Ben's page shows none, and nothing was saved.
  await expect(ben.page.locator('.ProseMirror-search-match, .ProseMirror-active-search-match')).toHaveCount(0);
  // Escape closes Find and gives the text back its focus.
  await ada.page.keyboard.press('Escape');
  await expect(find).toBeHidden();
  await expect(ada.text).toBeFocused();
  await expect(ada.text.locator('.ProseMirror-search-match, .ProseMirror-active-search-match')).toHaveCount(0);

  // Ctrl+H: Find and replace, across the whole manuscript, results by chapter and scene.
  await ada.page.keyboard.press('Control+H');
  const panel = ada.page.getByRole('complementary', { name: 'Find and replace' });
  await expect(panel.getByLabel('Find', { exact: true })).toBeFocused();
  await panel.getByLabel('Find', { exact: true }).fill('Anna(');
  await panel.getByLabel('Regular expression').check();
  await expect(panel).toContainText('Not a valid regular expression yet');
  await panel.getByLabel('Regular expression').uncheck();
  await panel.getByLabel('Find', { exact: true }).fill('Anna');
  await panel.getByLabel('Replace with').fill('Hanna');
  await panel.getByLabel('Match case').check();
  await panel.getByLabel('Whole word').check();
  await panel.getByLabel('Whole manuscript').check();
  await expect(panel.getByRole('status', { name: 'Matches' })).toHaveText('6 matches in 4 scenes');
  const results = panel.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('heading', { level: 3 })).toHaveText(['Harbour', 'Storm']);
  await expect(results.getByRole('button', { name: /Annabel/ })).toHaveCount(1); // the scene's match is "Anna", its context says Annabel
  await expect(results.getByRole('button')).toHaveCount(6);

  // Choosing a result opens its scene at that match.
  await results.getByRole('button', { name: /and then Anna slept/ }).last().click();
  await expect(ada.page.locator('.scene-heading')).toHaveText('Scene 5');
  await expect(ada.text.locator('.ProseMirror-active-search-match')).toHaveText('Anna');
  await expect(ada.text.locator('.ProseMirror-active-search-match')).toBeInViewport();
  await ada.page.screenshot({ path: 'e2e/artifacts/find-and-replace.png' });
  // Enter past the scene's last match goes on to the next scene that has one (round to the first).
  await panel.getByLabel('Find', { exact: true }).press('Enter');
  await expect(ada.page.locator('.scene-heading')).toHaveText('Scene 1');
  await expect(ada.text.locator('.ProseMirror-active-search-match')).toHaveText('Anna');

  // Ben keeps typing in his scene while Ada replaces everywhere.
  const bensWords = ' The wind kept rising over the black water all night long.';
  await ben.text.click();
  await ben.page.keyboard.press('Control+End');
  const benTyping = ben.page.keyboard.type(bensWords, { delay: 40 });
  await expect(ben.text).toContainText('The wind');
  await panel.getByRole('button', { name: 'Replace all' }).click();
  await expect(panel.getByRole('status', { name: 'Replace result' })).toContainText('Replaced 6 in 4 scenes.');
  await benTyping;
  await ada.page.screenshot({ path: 'e2e/artifacts/find-and-replace-done.png' });

  // Both converge: the new name everywhere, Ben's sentence whole.
  await expect(ben.text).toContainText(`The storm found Hanna awake.${bensWords}`);
  await expect(ada.text).toContainText('Hanna walked the harbour wall. The keeper nodded to Hanna and went in.');
  await scene(ben.page, 'Scene 1').click();
  await expect(ben.text).toContainText('Hanna walked the harbour wall. The keeper nodded to Hanna and went in.');
  await expect(ben.text.locator('em')).toHaveText('Hanna');
  await scene(ben.page, 'Scene 2').click();
  await expect(ben.text).toContainText('At dusk Hanna lit the lamp; Annabel watched.');
  for (const writer of [ada, ben]) await expect(writer.status).toHaveText('Saved');

  // An export shows the new name, and Ben's words.
  const exported = await (await ada.context.request.get(`/api/manuscripts/${id}/export?format=md`)).text();
  expect(wholeWords(exported, 'Hanna')).toBe(6);
  expect(wholeWords(exported, 'Anna')).toBe(0);
  expect(exported).toContain(bensWords.trim());

  // One Undo in Ada's text brings every occurrence back, and keeps Ben's words.
  await ada.page.keyboard.press('Escape');
  await expect(ada.text).toBeFocused();
  await ada.page.keyboard.press('Control+Z');
  await expect(ada.text).toContainText('Anna walked the harbour wall. The keeper nodded to Anna and went in.');
  await expect(ada.text.locator('em')).toHaveText('Anna');
  await scene(ben.page, 'Scene 3').click();
  await expect(ben.text).toContainText(`The storm found Anna awake.${bensWords}`);
  for (const writer of [ada, ben]) await expect(writer.status).toHaveText('Saved');
  const restored = await (await ada.context.request.get(`/api/manuscripts/${id}/export?format=md`)).text();
  expect(wholeWords(restored, 'Anna')).toBe(6);
  expect(wholeWords(restored, 'Hanna')).toBe(0);
  expect(restored).toContain(bensWords.trim());
});

test('a viewer can search the manuscript but is offered no replacing', async ({ browser }) => {
  const adaWriter = await apiSignIn(browser, 'Ada');
  const cyWriter = await apiSignIn(browser, 'Cy');
  const path = await createManuscript(adaWriter, 'Quiet Water');
  const ada = await openManuscript(adaWriter, path);
  await typeAtEnd(ada, 'Anna rowed out. Anna rowed back.');
  await shareWith(ada, cyWriter.email, 'Viewer');
  const cy = await openManuscript(cyWriter, path, 'Live');
  await expect(cy.text).toContainText('Anna rowed back.');
  await cy.text.click();
  await cy.page.keyboard.press('Control+H');
  const panel = cy.page.getByRole('complementary', { name: 'Find and replace' });
  await panel.getByLabel('Find', { exact: true }).fill('rowed');
  await expect(panel.getByRole('status', { name: 'Matches' })).toHaveText('1 of 2');
  await expect(panel).toContainText('replacing needs an editor’s role');
  await expect(panel.getByRole('button', { name: 'Replace all' })).toHaveCount(0);
  await expect(panel.getByLabel('Replace with')).toHaveCount(0);
});

test('in the read-through, with no scene open, Replace all works across the manuscript and its Undo puts everything back', async ({ browser }, testInfo) => {
  const adaWriter = await apiSignIn(browser, 'Ada');
  const file = testInfo.outputPath('The Keeper.md');
  fs.writeFileSync(file, DRAFT);
  const ada = await openManuscript(adaWriter, await importDraft(adaWriter, file));
  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  const reading = ada.page.getByRole('article', { name: 'Read-through' });
  await expect(reading).toContainText('The storm found Anna awake.');

  await ada.page.keyboard.press('Control+H');
  const panel = ada.page.getByRole('complementary', { name: 'Find and replace' });
  await expect(panel.getByLabel('This scene')).toBeDisabled();
  await expect(panel.getByLabel('Whole manuscript')).toBeChecked();
  await panel.getByLabel('Find', { exact: true }).fill('anna');
  await panel.getByLabel('Whole word').check();
  await panel.getByLabel('Replace with').fill('Hanna');
  await expect(panel.getByRole('status', { name: 'Matches' })).toHaveText('6 matches in 4 scenes');
  await panel.getByRole('button', { name: 'Replace all' }).click();
  const report = panel.getByRole('status', { name: 'Replace result' });
  await expect(report).toContainText('Replaced 6 in 4 scenes.');
  await expect(reading).toContainText('The storm found Hanna awake.');
  await expect(reading).toContainText('At dusk Hanna lit the lamp; Annabel watched.');
  await ada.page.screenshot({ path: 'e2e/artifacts/find-and-replace-read-through.png' });

  await report.getByRole('button', { name: 'Undo' }).click();
  await expect(report).toContainText('every occurrence is back');
  await expect(reading).toContainText('The storm found Anna awake.');
  await expect(reading).toContainText('Anna wrote it all down, and then Anna slept.');
  await expect(ada.status).toHaveText('Saved');
});
