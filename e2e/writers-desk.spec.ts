import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createManuscript, focusInText, importDraft, openManuscript, pasteText, proseText, shareWith, signUp, typeAtEnd } from './writers';

// The writer's desk (issue 16): what a writer meets in the first hour, each defect walked as it was seen.

const tree = (page: Page) => page.getByRole('tree', { name: 'Manuscript structure' });
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
const shot = async (page: Page, name: string) => {
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
};

test('Tab mid-sentence keeps the words in the scene; Escape then Tab leaves the text', async ({ browser }) => {
  const ada = await signUp(browser, 'Ada');
  const adaIn = await openManuscript(ada, await createManuscript(ada, 'Tab Journey'));
  await typeAtEnd(adaIn, 'She wrote the first line');
  await ada.page.keyboard.press('Tab');
  await ada.page.keyboard.type(' and kept going.', { delay: 5 });
  await ada.page.keyboard.press('Shift+Tab');
  await ada.page.keyboard.type(' Nothing was lost.', { delay: 5 });
  await expect.poll(() => proseText(adaIn)).toBe('She wrote the first line and kept going. Nothing was lost.');
  expect(await focusInText(adaIn)).toBe(true);
  await expect(adaIn.status).toHaveText('Saved');
  await shot(ada.page, 'desk-tab');

  // The accessibility convention for editors: Escape, then Tab, moves on to the next control.
  await ada.page.keyboard.press('Escape');
  await ada.page.keyboard.press('Tab');
  expect(await focusInText(adaIn)).toBe(false);
  await expect(adaIn.text).toHaveAttribute('aria-description', /Escape, then Tab/);

  await ada.page.reload();
  const again = await openManuscript(ada, new URL(ada.page.url()).pathname);
  await expect.poll(() => proseText(again)).toBe('She wrote the first line and kept going. Nothing was lost.');
});

test('a chapter title is printed once: Chapter title moves it into the binder, and an old draft with it typed twice reads and exports it once', async ({ browser }, testInfo) => {
  const ada = await signUp(browser, 'Ada');
  const adaIn = await openManuscript(ada, await createManuscript(ada, 'Storm Journal'));
  await typeAtEnd(adaIn, 'The Storm');
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('Rain came over the water.', { delay: 5 });
  await ada.page.keyboard.press('Control+Home');
  await ada.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Chapter title' }).click();
  await expect(tree(ada.page).getByRole('treeitem', { name: /^The Storm, chapter/ })).toBeVisible();
  await expect(ada.page.getByTestId('scene-chapter')).toHaveText('Chapter: The Storm');
  await expect.poll(() => proseText(adaIn)).toBe('Rain came over the water.');
  await expect(ada.page.getByRole('alert').filter({ hasText: 'is now the chapter’s title' })).toContainText('“The Storm” is now the chapter’s title');
  await expect(adaIn.status).toHaveText('Saved');
  await shot(ada.page, 'desk-chapter-title');

  const reading = ada.page.getByRole('article', { name: 'Read-through' });
  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  await expect(reading).toContainText('Rain came over the water.');
  expect(occurrences(await reading.innerText(), 'The Storm')).toBe(1);

  // A draft from before: the chapter's title typed again as a heading at the top of its first scene.
  const old = testInfo.outputPath('Old Storm.html');
  fs.writeFileSync(old, '<h2>The Storm</h2><h3>The Storm</h3><p>Rain came over the water.</p><hr><p>Later, the wind.</p>');
  const oldPath = await importDraft(ada, old);
  await openManuscript(ada, oldPath);
  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  await expect(reading).toContainText('Later, the wind.');
  expect(occurrences(await reading.innerText(), 'The Storm')).toBe(1);
  await shot(ada.page, 'desk-read-through-once');
  const id = oldPath.split('/').pop();
  for (const format of ['md', 'txt', 'html']) {
    const exported = await ada.context.request.get(`/api/manuscripts/${id}/export?format=${format}`);
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    expect(text).toContain('Later, the wind.');
    expect(occurrences(text, 'The Storm'), `${format}:\n${text}`).toBe(1);
  }

  // Back at the desk, the old heading says why it is not printed; Chapter title tidies it away.
  await ada.page.getByRole('button', { name: 'Read-through' }).click();
  const repeated = ada.page.locator('.manuscript-text .repeats-chapter-title');
  await expect(repeated).toHaveText('The Storm');
  await expect(repeated).toHaveAttribute('data-note', /Not printed/);
  await shot(ada.page, 'desk-repeated-heading');
  await repeated.click();
  await ada.page.getByRole('button', { name: 'Chapter title' }).click();
  await expect(repeated).toHaveCount(0);
  await expect(ada.page.locator('.manuscript-text')).toHaveText('Rain came over the water.');
  await expect(tree(ada.page).getByRole('treeitem', { name: /^The Storm, chapter/ })).toBeVisible();
});

test('pasted scene breaks, a Markdown title, and an imported draft counted on the home page before it is opened', async ({ browser }, testInfo) => {
  const ada = await signUp(browser, 'Ada');

  // Pasting a passage from elsewhere: its scene-break lines become scene breaks.
  const pasted = await openManuscript(ada, await createManuscript(ada, 'Paste Journey'));
  await pasted.text.click();
  await pasteText(pasted, 'The boat came in.\n\n* * *\n\nNight fell.\n***\nMorning came.\n#\nThe boat was gone.');
  await expect(pasted.text.locator('[data-scene-break]')).toHaveCount(3);
  await expect.poll(() => proseText(pasted)).toBe('The boat came in.\n#\nNight fell.\n#\nMorning came.\n#\nThe boat was gone.');
  await expect(pasted.status).toHaveText('Saved');
  await shot(ada.page, 'desk-paste-scene-breaks');

  // A Markdown draft opening with "# Title" is titled by it; its "##" are chapters, with no Part above them.
  const markdown = testInfo.outputPath('salt-road-draft-3.md');
  fs.writeFileSync(markdown, '# The Salt Road\n\n## Departure\n\nThey left at dawn.\n\n## Return\n\nNobody came back.\n');
  await importDraft(ada, markdown);
  await expect(ada.page.getByRole('heading', { level: 1 })).toHaveText('The Salt Road');
  await expect(tree(ada.page).getByRole('treeitem')).toHaveText([/Departure/, /Scene 1/, /Return/, /Scene 2/]);

  // A draft imported without opening it shows its words on the home page straight away.
  const imported = await ada.context.request.post('/api/manuscripts/import', {
    multipart: { file: { name: 'Harbour Notes.txt', mimeType: 'text/plain', buffer: Buffer.from('The boat came in at dusk.\n\n#\n\nNobody waved from the pier.\n') } },
  });
  expect(imported.status()).toBe(201);
  await ada.page.goto('/');
  const listing = ada.page.getByRole('listitem').filter({ has: ada.page.getByRole('link', { name: 'Harbour Notes' }) });
  await expect(listing).toContainText('11 words');
});

test('two writers in one scene: each one’s Today counts only their own words; a long title stays readable in a crowded bar', async ({ browser }) => {
  // Two browsers typing in turn, then a reload: more than the default minute on two shared cores.
  test.setTimeout(120_000);
  const ada = await signUp(browser, 'Ada');
  const ben = await signUp(browser, 'Ben');

  // Two writers in one scene at once: each one's "Today" counts only their own words.
  const title = 'The Extraordinarily Long and Winding Chronicle of the Lighthouse Keeper’s Daughter, Her Seven Brothers, and the Storm That Changed Everything';
  const path = await createManuscript(ada, title);
  const adaIn = await openManuscript(ada, path);
  await typeAtEnd(adaIn, 'First line here.');
  await ada.page.keyboard.press('Enter');
  await ada.page.keyboard.type('Last line.', { delay: 5 });
  await shareWith(adaIn, ben.email, 'Editor');
  await ada.page.getByRole('button', { name: 'Close sharing' }).click();
  const benIn = await openManuscript(ben, path);
  await expect.poll(() => proseText(benIn)).toBe('First line here.\nLast line.');
  await typeAtEnd(benIn, ' ');
  await adaIn.text.click();
  await ada.page.keyboard.press('Control+Home');
  await ada.page.keyboard.press('End');
  for (let round = 0; round < 3; round++) {
    await ada.page.keyboard.type(' Ada wrote this', { delay: 5 });
    await ben.page.keyboard.type('Ben typed these words ', { delay: 5 });
  }
  const adaText = 'First line here. Ada wrote this Ada wrote this Ada wrote this\nLast line. Ben typed these words Ben typed these words Ben typed these words ';
  await expect.poll(() => proseText(adaIn)).toBe(adaText);
  await expect.poll(() => proseText(benIn)).toBe(adaText);
  const today = (page: Page) => page.getByRole('region', { name: 'Progress' }).getByText(/^Today:/);
  await expect(today(ada.page)).toHaveText('Today: +14');
  await expect(today(ben.page)).toHaveText('Today: +12');
  await expect(ada.page.getByTestId('manuscript-words')).toHaveText('26');

  // The long title in a crowded bar at 1280 px: cut with an ellipsis, never to a letter, whole in the tooltip.
  const heading = ada.page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveAttribute('title', title);
  expect((await heading.boundingBox())!.width).toBeGreaterThan(150);
  await ada.page.getByRole('button', { name: /^Comments/ }).click();
  expect((await heading.boundingBox())!.width).toBeGreaterThan(150);
  // The drawer opens below the bar, whose buttons took a second row.
  const bar = (await ada.page.locator('header.topbar').boundingBox())!;
  expect((await ada.page.locator('.workspace-body .share-panel').boundingBox())!.y).toBeGreaterThanOrEqual(bar.y + bar.height);
  await shot(ada.page, 'desk-long-title');
  await ada.page.reload();
  await openManuscript(ada, path);
  await expect(today(ada.page)).toHaveText('Today: +14');
});
