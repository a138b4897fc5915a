import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiSignIn, createManuscript, openManuscript, shareNewManuscript, type InManuscript } from './writers';

const tree = (page: Page) => page.getByRole('tree', { name: 'Manuscript structure' });
const item = (page: Page, name: string) => tree(page).getByRole('treeitem', { name: new RegExp(`^${name}, `) });
// An item is named "Title, kind[, status], N words"; the order is told by title and kind.
const order = (page: Page) => tree(page).getByRole('treeitem').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')!.split(', ').slice(0, 2).join(', ')));

async function addAndName(writer: InManuscript, kind: 'Scene' | 'Chapter', title: string) {
  await writer.page.getByRole('button', { name: `+ ${kind}` }).click();
  const input = writer.page.getByRole('textbox', { name: `Rename ${kind.toLowerCase()}` });
  await input.fill(title);
  await input.press('Enter');
  await expect(item(writer.page, title)).toBeVisible();
}

async function typeInScene(writer: InManuscript, scene: string, text: string) {
  await item(writer.page, scene).click();
  await expect(writer.page.locator('.scene-heading')).toHaveText(scene);
  await writer.text.click();
  await writer.page.keyboard.press('Control+End');
  await writer.page.keyboard.type(text, { delay: 5 });
}

test('two writers build a manuscript together: chapters, scenes, live reordering, presence, counts and a read-through', async ({ browser }) => {
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'The Lighthouse Keeper' }, 'Editor');
  const ben = await openManuscript(benWriter, path);

  // Ada renames the first chapter with F2, typing straight over the old title, and the scene by double-click.
  await item(ada.page, 'Chapter 1').focus();
  await ada.page.keyboard.press('F2');
  await ada.page.keyboard.type('Arrival');
  await ada.page.keyboard.press('Enter');
  await expect(item(ada.page, 'Arrival')).toBeVisible();
  await item(ada.page, 'Scene 1').dblclick();
  await ada.page.getByRole('textbox', { name: 'Rename scene' }).fill('The boat');
  await ada.page.getByRole('textbox', { name: 'Rename scene' }).press('Enter');
  await addAndName(ada, 'Chapter', 'Storm');
  await item(ada.page, 'Scene 2').dblclick();
  await ada.page.getByRole('textbox', { name: 'Rename scene' }).fill('The lamp');
  await ada.page.getByRole('textbox', { name: 'Rename scene' }).press('Enter');
  await addAndName(ada, 'Scene', 'The wreck');

  // Ben sees the whole structure live.
  await expect.poll(() => order(ben.page)).toEqual(['Arrival, chapter', 'The boat, scene', 'Storm, chapter', 'The lamp, scene', 'The wreck, scene']);

  // Ada reorders with the keyboard; Ben drags a scene into the other chapter; both see both moves.
  await item(ada.page, 'The wreck').focus();
  await ada.page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => order(ben.page)).toEqual(['Arrival, chapter', 'The boat, scene', 'Storm, chapter', 'The wreck, scene', 'The lamp, scene']);
  await item(ben.page, 'The lamp').dragTo(item(ben.page, 'Arrival'));
  const expected = ['Arrival, chapter', 'The lamp, scene', 'The boat, scene', 'Storm, chapter', 'The wreck, scene'];
  await expect.poll(() => order(ada.page)).toEqual(expected);
  await expect.poll(() => order(ben.page)).toEqual(expected);

  // Each writes in a different scene and sees the other's presence in the binder.
  await typeInScene(ada, 'The boat', 'The boat came in at dusk, low in the water.');
  await typeInScene(ben, 'The wreck', "By morning the wreck was gone; the keeper's log said nothing.");
  await expect(item(ada.page, 'The wreck').getByLabel('Here: Ben')).toBeVisible();
  await expect(item(ben.page, 'The boat').getByLabel('Here: Ada')).toBeVisible();

  // Counts: ten words, eleven words; the chapters and the manuscript add them up.
  await expect(item(ada.page, 'The boat').getByLabel('10 words')).toBeVisible();
  await expect(item(ada.page, 'The wreck').getByLabel('11 words')).toBeVisible();
  await expect(item(ada.page, 'Storm').getByLabel('11 words')).toBeVisible();
  await expect(ada.page.getByTestId('manuscript-words')).toHaveText('21');
  await expect(ben.page.getByTestId('manuscript-words')).toHaveText('21');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/binder.png' });

  // Synopsis and status travel with the scene.
  await item(ben.page, 'The wreck').click();
  await ben.page.getByLabel('Synopsis').fill('The wreck vanishes overnight.');
  await ben.page.getByLabel('Synopsis').press('Enter');
  await ben.page.getByRole('combobox', { name: 'Status', exact: true }).selectOption('revised');
  await expect(item(ada.page, 'The wreck')).toHaveAttribute('aria-label', /^The wreck, scene, Revised, /);
  await expect(item(ada.page, 'The wreck').locator('.status')).toBeVisible();

  // The read-through shows the whole manuscript in order, and jumps back to a scene for editing.
  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  const reading = ada.page.getByRole('article', { name: 'Read-through' });
  await expect(reading.getByRole('heading')).toHaveText(['Arrival', 'Storm']);
  await expect(reading).toContainText('The boat came in at dusk');
  await expect(reading).toContainText('By morning the wreck was gone');
  const text = await reading.innerText();
  expect(text.indexOf('Arrival')).toBeLessThan(text.indexOf('The boat came in'));
  expect(text.indexOf('The boat came in')).toBeLessThan(text.indexOf('Storm'));
  expect(text.indexOf('Storm')).toBeLessThan(text.indexOf('By morning'));
  await ada.page.screenshot({ path: 'e2e/artifacts/read-through.png' });
  await reading.getByRole('button', { name: 'Edit “The wreck”' }).click();
  await expect(ada.page.locator('.scene-heading')).toHaveText('The wreck');

  // Deleting a scene sends it to the binder's trash, from which it comes back with its words.
  await item(ada.page, 'The lamp').focus();
  await ada.page.keyboard.press('Delete');
  await expect(item(ben.page, 'The lamp')).toHaveCount(0);
  await ada.page.getByRole('button', { name: 'Trash (1)' }).click();
  await ada.page.getByRole('list', { name: 'Binder trash' }).getByRole('button', { name: 'Restore' }).click();
  await expect(item(ben.page, 'The lamp')).toBeVisible();
});

test('manuscript settings hold the title page details and the goal', async ({ browser }) => {
  const eve = await apiSignIn(browser, 'Eve');
  const path = await createManuscript(eve, 'Settings');
  await openManuscript(eve, path);
  await eve.page.getByRole('link', { name: 'Manuscript settings' }).click();
  await eve.page.getByLabel("Author's legal name").fill('Evelyn Marsh');
  await eve.page.getByLabel('Byline (pen name)').fill('E. M. Stone');
  await eve.page.getByLabel('Address').fill('12 Harbour Lane\nPortsmouth');
  await eve.page.getByLabel('Contact email').fill('eve@example.test');
  await eve.page.getByLabel('Phone').fill('+44 1234 567890');
  await eve.page.getByLabel('Genre').fill('Literary fiction');
  await eve.page.getByLabel('Running-head keyword').fill('Settings');
  await eve.page.getByLabel('Target word count').fill('80000');
  await eve.page.getByLabel('Deadline').fill('2027-06-30');
  await eve.page.getByRole('button', { name: 'Save settings' }).click();
  await expect(eve.page.getByText('Saved.')).toBeVisible();
  await eve.page.reload();
  await expect(eve.page.getByLabel("Author's legal name")).toHaveValue('Evelyn Marsh');
  await expect(eve.page.getByLabel('Address')).toHaveValue('12 Harbour Lane\nPortsmouth');
  await eve.page.goto(path);
  await expect(eve.page.getByRole('region', { name: 'Progress' })).toContainText('of 80,000');
  await expect(eve.page.getByRole('region', { name: 'Progress' })).toContainText('days to the deadline');
});

test("a co-author reordering the binder never moves the scene you are writing in", async ({ browser }) => {
  const { path, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { title: 'Steady' }, 'Editor');
  const ben = await openManuscript(benWriter, path);

  // Ada writes in the scene that opened by default, without touching the binder.
  await expect(ada.page.locator('.scene-heading')).toHaveText('Scene 1');
  await ada.text.click();
  await ada.page.keyboard.type('First words.');
  // Ben adds a scene and moves it to the top of the chapter.
  await addAndName(ben, 'Scene', 'Cold open');
  await item(ben.page, 'Cold open').focus();
  await ben.page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => order(ada.page)).toEqual(['Chapter 1, chapter', 'Cold open, scene', 'Scene 1, scene']);
  // Ada is still in her scene, and her next words land there.
  await expect(ada.page.locator('.scene-heading')).toHaveText('Scene 1');
  await ada.page.keyboard.type(' More words.');
  await expect(ada.text).toContainText('First words. More words.');
});
