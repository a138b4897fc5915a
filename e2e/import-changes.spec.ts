import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FIXTURE_SCENES } from '../lib/import/docx-review/fixtures/original';
import { E2E_COLLAB_PUBLIC_URL, E2E_DATABASE_URL } from './environment';
import { expect, test } from './fixtures';
import { apiSignIn, importChanges, importDraft, openManuscript, proseText, shareNewManuscript, shareWith, typeAtEnd } from './writers';

const margin = (page: Page) => page.getByRole('complementary', { name: 'Comments in the margin' });
const suggestion = (page: Page, what: string) => margin(page).getByRole('article', { name: 'Suggestion by Maria Rossi (guest)' }).filter({ hasText: what });
/** The marked-up copy Maria, an editor who is not a member, sent back from Word. */
const MARKED_UP = path.join(__dirname, '..', 'lib', 'import', 'docx-review', 'fixtures', 'word-review.docx');

test('importing an editor’s changes: Maria’s Word comments and tracked changes land on the words Ada kept writing around, live for her co-author; Ada accepts one change and rejects another', async ({ browser }, testInfo) => {
  test.slow();
  fs.mkdirSync('e2e/artifacts', { recursive: true });

  // Ada's manuscript, as she sent it to Maria: one chapter, two scenes.
  const draft = testInfo.outputPath('The Salt Road.txt');
  fs.writeFileSync(draft, ['Chapter One', '===========', '', ...FIXTURE_SCENES.map((scene) => scene.join('\n\n')).join('\n\n#\n\n').split('\n'), ''].join('\n'));
  const { path: manuscript, owner: ada, coAuthor: benWriter } = await shareNewManuscript(browser, { draft }, 'Editor');
  const ben = await openManuscript(benWriter, manuscript);

  // While the file was away, Ada kept writing.
  await typeAtEnd(ada, ' The harbour slept.');
  await expect(ada.status).toHaveText('Saved');

  // Import changes: the panel takes the marked-up DOCX and says calmly what it placed.
  const panel = await importChanges(ada, MARKED_UP);
  await expect(panel.getByRole('status')).toHaveText('4 comments and 5 changes from Maria Rossi, 1 comment from Ada Writer placed.');
  await ada.page.screenshot({ path: 'e2e/artifacts/import-changes-summary.png' });
  await panel.getByRole('button', { name: /^Close/ }).click();

  // Threads on the same words, with Maria named as a guest and the reply kept as a reply.
  for (const writer of [ada, ben]) {
    const thread = margin(writer.page).locator('[data-thread-id]').filter({ hasText: 'Which harbour? Name it.' });
    await expect(thread).toContainText('Maria Rossi · guest');
    await expect(thread).toContainText('Port Ellen. I will add it.');
    await expect(writer.text.locator('[data-thread-id]').filter({ hasText: 'the harbour' }).first()).toBeVisible();
    // Her tracked changes are suggestions, for Ada and for Ben, who had the scene open.
    await expect(suggestion(writer.page, 'Add ‘finally’')).toBeVisible();
    await expect(suggestion(writer.page, 'Delete ‘quiet and’')).toBeVisible();
    await expect(writer.text.locator('ins.suggestion')).toHaveText('finally ');
  }
  await ada.page.screenshot({ path: 'e2e/artifacts/import-changes-review.png' });

  // Ada accepts "finally" and rejects the deletion.
  await suggestion(ada.page, 'Add ‘finally’').getByRole('button', { name: 'Accept' }).click();
  await suggestion(ada.page, 'Delete ‘quiet and’').getByRole('button', { name: 'Reject' }).click();
  const expected = [
    'The storm finally broke over the harbour at dusk.',
    'She watched the boats come in, one by one, quiet and slow. Her hands were cold.',
    'Nobody on the quay said a word.',
    'Past the mole, the lighthouse turned its slow beam. The harbour slept.',
  ].join('\n');
  for (const writer of [ada, ben]) {
    await expect.poll(() => proseText(writer)).toBe(expected);
    await expect(writer.text.locator('.suggestion')).toHaveCount(0);
  }
  await expect(ada.status).toHaveText('Saved');

  // Kept: after a reload the text and Maria's threads are there.
  await ada.page.reload();
  await expect(ada.status).toHaveText('Saved');
  await expect.poll(() => proseText(ada)).toBe(expected);
  await expect(margin(ada.page)).toContainText('Which harbour? Name it.');
});

test('importing an editor’s changes is for editors and the owner: a commenter has no such button and the API refuses them', async ({ browser }) => {
  const adaWriter = await apiSignIn(browser, 'Ada');
  const carlaWriter = await apiSignIn(browser, 'Carla');
  const draft = test.info().outputPath('Short.txt');
  fs.writeFileSync(draft, 'The storm broke over the harbour at dusk.\n');
  const manuscript = await importDraft(adaWriter, draft);
  const ada = await openManuscript(adaWriter, manuscript);
  await shareWith(ada, carlaWriter.email, 'Commenter');
  const carla = await openManuscript(carlaWriter, manuscript, 'Live');
  await expect(carla.page.getByRole('button', { name: 'Import changes' })).toHaveCount(0);
  const response = await carla.page.request.post(`/api/manuscripts/${manuscript.split('/').pop()}/import-changes`, {
    multipart: { file: { name: 'review.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: fs.readFileSync(MARKED_UP) } },
  });
  expect(response.status()).toBe(404);
});

test('importing an editor’s changes from the command line: they reach the writer who has the manuscript open', async ({ browser }, testInfo) => {
  // Each CLI run starts Node and compiles the TypeScript it needs: seconds on a busy machine.
  test.setTimeout(180_000);
  const adaWriter = await apiSignIn(browser, 'Ada');
  const draft = testInfo.outputPath('The Salt Road.txt');
  fs.writeFileSync(draft, `${FIXTURE_SCENES.map((scene) => scene.join('\n\n')).join('\n\n#\n\n')}\n`);
  const manuscript = await importDraft(adaWriter, draft);
  const ada = await openManuscript(adaWriter, manuscript);
  // The same secret and collab address the running app has (playwright.config.ts).
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'manuscript:import-changes', manuscript.split('/').pop()!, MARKED_UP, '--as', adaWriter.email], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      COLLAB_INTERNAL_URL: E2E_COLLAB_PUBLIC_URL ?? `ws://127.0.0.1:${process.env.E2E_COLLAB_PORT ?? 1334}`,
    },
    encoding: 'utf8',
  });
  expect(output).toContain('4 comments and 5 changes from Maria Rossi, 1 comment from Ada Writer placed.');
  await expect(suggestion(ada.page, 'Add ‘finally’')).toBeVisible();
  await expect(margin(ada.page)).toContainText('Which harbour? Name it.');
});

