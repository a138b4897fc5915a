import fs from 'node:fs';
import JSZip from 'jszip';
import { openStorage } from '../lib/storage/open';
import { E2E_DATABASE_URL } from './environment';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, shareWith, signUp, typeAtEnd } from './writers';

test('a writer exports a DOCX from the manuscript, a viewer exports too, a stranger gets 404, and a draft imports', async ({ browser }, testInfo) => {
  const ada = await signUp(browser, 'Ada');
  const path = await createManuscript(ada, 'Export Journey');
  const adaIn = await openManuscript(ada, path);
  await typeAtEnd(adaIn, 'The sea was ');
  await ada.page.keyboard.press('Control+i');
  await ada.page.keyboard.type('very');
  await ada.page.keyboard.press('Control+i');
  await ada.page.keyboard.type(' quiet that night.');
  await expect(adaIn.status).toHaveText('Saved');

  await ada.page.getByRole('button', { name: 'Export' }).click();
  const panel = ada.page.getByRole('complementary', { name: 'Export' });
  await panel.getByLabel('Format').selectOption('docx');
  await panel.getByLabel('Typeface').selectOption('classic');
  fs.mkdirSync('e2e/artifacts', { recursive: true });
  await ada.page.screenshot({ path: 'e2e/artifacts/export-panel.png' });
  const [download] = await Promise.all([ada.page.waitForEvent('download'), panel.getByRole('link', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('Export-Journey.docx');
  const file = testInfo.outputPath('export.docx');
  await download.saveAs(file);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const document = await zip.file('word/document.xml')!.async('string');
  expect(document).toContain('The sea was ');
  expect(document).toMatch(/<w:i\/>[\s\S]*?<w:t[^>]*>very<\/w:t>/);
  expect(await zip.file('word/styles.xml')!.async('string')).toContain('Courier New');

  // The same layout as PDF, and an EPUB, straight from the panel.
  for (const [format, magic] of [['pdf', '%PDF'], ['epub', 'PK']] as const) {
    await panel.getByLabel('Format').selectOption(format);
    const [file] = await Promise.all([ada.page.waitForEvent('download'), panel.getByRole('link', { name: 'Download' }).click()]);
    expect(file.suggestedFilename()).toBe(`Export-Journey.${format}`);
    const saved = testInfo.outputPath(`export.${format}`);
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, magic.length).toString()).toBe(magic);
  }

  // A viewer may export; a stranger may not even learn the manuscript exists.
  const ben = await signUp(browser, 'Ben');
  await shareWith(ada, ben.email, 'Viewer');
  const id = path.split('/').pop();
  const asViewer = await ben.context.request.get(`/api/manuscripts/${id}/export?format=md`);
  expect(asViewer.status()).toBe(200);
  expect(await asViewer.text()).toContain('The sea was *very* quiet that night.');
  const cy = await signUp(browser, 'Cy');
  const asStranger = await cy.context.request.get(`/api/manuscripts/${id}/export?format=md`);
  expect(asStranger.status()).toBe(404);
  expect(await asStranger.text()).not.toContain('The sea');

  // Importing a Markdown draft makes a new manuscript with its chapters and scenes.
  const draft = testInfo.outputPath('The Salt Road.md');
  fs.writeFileSync(draft, '---\ntitle: "The Salt Road"\n---\n\n## Departure\n\nThey left at *dawn*.\n\n* * *\n\nBy noon the road was white.\n\n## Return\n\nNobody came back.\n');
  await ada.page.goto('/');
  await ada.page.getByText('…or import a draft').click();
  await ada.page.getByLabel('Draft file').setInputFiles(draft);
  await ada.page.getByRole('button', { name: 'Import' }).click();
  await ada.page.waitForURL(/\/m\/[a-z0-9]+$/);
  const tree = ada.page.getByRole('tree', { name: 'Manuscript structure' });
  await expect(tree.getByRole('treeitem')).toHaveText([/Departure/, /Scene 1/, /Scene 2/, /Return/, /Scene 3/]);
  await expect(ada.page.locator('.manuscript-text')).toContainText('They left at dawn.');
  await expect(ada.page.locator('.manuscript-text em')).toHaveText('dawn');
});

test('a manuscript whose stored history cannot be read is not exported: the panel says why', async ({ browser }) => {
  const ada = await signUp(browser, 'Ada');
  const path = await createManuscript(ada, 'Set Aside');
  await openManuscript(ada, path);
  const id = path.split('/').pop()!;
  // What the collab server does when a stored row fails to decode, on the same database file.
  const storage = await openStorage(E2E_DATABASE_URL);
  await storage.manuscripts.quarantine(id, 'seq 7 failed to decode');
  await storage.close();

  const answer = await ada.context.request.get(`/api/manuscripts/${id}/export?format=docx`);
  expect(answer.status()).toBe(409);
  expect(await answer.json()).toEqual({ error: { code: 'unreadable', message: expect.stringContaining('could not be read') } });

  await ada.page.getByRole('button', { name: 'Export' }).click();
  const panel = ada.page.getByRole('complementary', { name: 'Export' });
  await panel.getByRole('link', { name: 'Download' }).click();
  await expect(panel.getByRole('alert')).toContainText('stored history could not be read');
  await ada.page.screenshot({ path: 'e2e/artifacts/export-unreadable.png' });
});
