import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { draftId, openManuscript, saveDraft, shareNewManuscript, typeAtEnd } from './writers';

const tree = (page: Page) => page.getByRole('tree', { name: 'Manuscript structure' });
const item = (page: Page, name: string) => tree(page).getByRole('treeitem', { name: new RegExp(`^${name}, `) });
const order = (page: Page) => tree(page).getByRole('treeitem').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')?.split(',')[0]));

test('Ada compares Draft 1 after Ben wrote and she moved a chapter: dated, signed entries, the scene break shown, nothing moved that did not move', async ({ browser }, testInfo) => {
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Compare Journey' }, 'Editor');

  // The first scene: two paragraphs with a scene break between them; then a second chapter.
  await typeAtEnd(ada, 'The keeper climbed the stairs at dusk.');
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('#');
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('Below, the sea kept time.', { delay: 5 });
  await expect(ada.text.locator('[data-scene-break]')).toHaveCount(1);
  await ada.page.getByRole('button', { name: '+ Chapter' }).click();
  const rename = ada.page.getByRole('textbox', { name: 'Rename chapter' });
  await rename.fill('Storm');
  await rename.press('Enter');
  await expect(item(ada.page, 'Storm')).toBeVisible();
  await expect(ada.status).toHaveText('Saved');

  // Ada saves Draft 1; the entry says when and who.
  const history = await saveDraft(ada, 'Draft 1');
  await expect(history.getByRole('listitem').filter({ hasText: 'Draft 1' })).toContainText(/\d{1,2}:\d{2}.* · saved by Ada/);
  await history.getByRole('button', { name: 'Close history' }).click();

  // Ben adds a sentence to the first scene; Ada moves the Storm chapter to the front.
  const ben = await openManuscript(benWriter, path);
  await typeAtEnd(ben, ' The gulls had gone.');
  await expect(ben.text).toContainText('Below, the sea kept time. The gulls had gone.');
  await item(ada.page, 'Storm').focus();
  await ada.page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => order(ben.page)).toEqual(['Storm', 'Scene 2', 'Chapter 1', 'Scene 1']);
  await expect(ada.status).toHaveText('Saved');
  await expect(ben.status).toHaveText('Saved');

  // The comparison: one scene changed, none moved (a chapter moving carries its scenes), the break drawn.
  const id = await draftId(ada, path, 'Draft 1');
  await ada.page.goto(`${path}/drafts/${id}/compare`);
  const summary = ada.page.getByRole('region', { name: 'Summary of changes' });
  await expect(summary).toContainText('1 scene changed');
  await expect(summary).toContainText('0 moved');
  const scene = ada.page.getByRole('region', { name: 'Scene Scene 1' });
  await expect(scene.locator('.scene-status')).toHaveText(/^changed/);
  await expect(scene.getByRole('separator', { name: 'Scene break' })).toBeVisible();
  await expect(scene.locator('ins')).toContainText('gulls');
  await expect(ada.page.getByRole('region', { name: 'Scene Scene 2' })).toHaveCount(0);
  await expect(ada.page.getByTestId('compared-drafts')).toContainText(/“Draft 1”: .*\d{1,2}:\d{2}.* · saved by Ada/);
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/compare-trust.png', fullPage: true });

  // Everyone leaves; collab keeps an automatic checkpoint naming who changed the text.
  await ben.context.close();
  await expect
    .poll(async () => ((await (await ada.context.request.get(`/api/manuscripts/${path.split('/').pop()}/drafts`)).json()) as { name: string; changedBy: string }[]).find((row) => row.name === 'Automatic checkpoint')?.changedBy ?? '')
    .toMatch(/Ben/);
  await ada.page.reload();
  const options = await ada.page.getByLabel('Compare with').locator('option').allInnerTexts();
  expect(options.find((text) => text.startsWith('Automatic checkpoint'))).toMatch(/^Automatic checkpoint · .*\d{1,2}:\d{2}.* · changes by .*Ben/);
});
