import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import JSZip from 'jszip';
import { E2E_DATABASE_URL } from './environment';
import { expect, test } from './fixtures';
import { uniqueEmail } from './writers';

/** Runs the self-hoster's CLI against the same database as the running app. */
function cli(args: string[], input?: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    input,
    encoding: 'utf8',
  });
}

test('the CLI creates a writer and a token; the token lists their manuscripts and fetches a collab token', async ({ playwright, baseURL }, testInfo) => {
  // Each CLI run starts Node and compiles the TypeScript it needs: seconds apiece on a busy machine.
  test.setTimeout(180_000);
  const email = uniqueEmail('Cli');
  expect(cli(['user:create', '--email', email, '--name', 'Cli Writer'], 'a-long-cli-password\n')).toContain(`created ${email}`);
  const token = cli(['token:create', '--email', email]).trim().split('\n').pop()!;
  expect(token).toMatch(/^scr_[\w-]{40,}$/);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await (await api.get('/api/me')).json()) as { email: string }).toMatchObject({ email, name: 'Cli Writer' });
  const created = await api.post('/api/manuscripts', { data: { title: 'Made from a script' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const listed = (await (await api.get('/api/manuscripts')).json()) as { mine: { id: string; title: string }[] };
  expect(listed.mine).toEqual([expect.objectContaining({ id, title: 'Made from a script' })]);
  const grant = await api.post('/api/collab-token', { data: { manuscriptId: id } });
  expect(grant.status()).toBe(200);
  expect((await grant.json()) as object).toMatchObject({ room: `manuscript.${id}`, role: 'owner', token: expect.stringMatching(/^ey/) });

  // Import a draft for that writer, export it back as DOCX.
  const draft = testInfo.outputPath('draft.txt');
  fs.writeFileSync(draft, 'THE CLI NOVEL\nby Cli Writer\n\nOne\n===\n\nIt began on the command line.\n');
  const imported = cli(['manuscript:import', draft, '--owner', email]);
  const importedId = /as ([a-z0-9]+)/.exec(imported)![1]!;
  const out = testInfo.outputPath('cli.docx');
  expect(cli(['manuscript:export', importedId, '--format', 'docx', '--out', out])).toContain('wrote');
  expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  expect(() => cli(['manuscript:export', importedId, '--format', 'pdfx', '--out', out])).toThrow();
  // A copy for review takes its choices as --name=value; a choice it does not know is refused.
  expect(cli(['manuscript:export', importedId, '--format', 'docx', '--out', out, '--review', '--comments=open', '--changes=accepted'])).toContain('wrote');
  expect(() => cli(['manuscript:export', importedId, '--format', 'docx', '--out', out, '--review', '--changes=sideways'])).toThrow(/tracked|accepted|original/);
  // A draft with no title line, imported from a full path: titled from the file's name, signed by its owner,
  // and counted on the home page before anyone opens it.
  const untitled = testInfo.outputPath('The Quiet Harbour.txt');
  fs.writeFileSync(untitled, 'The boat came in at dusk.\n\n* * *\n\nNobody waved from the pier.\n');
  expect(cli(['manuscript:import', untitled, '--owner', email])).toContain('imported "The Quiet Harbour" as ');
  const harbour = ((await (await api.get('/api/manuscripts')).json()) as { mine: { id: string; title: string; wordCount: number }[] }).mine.find((m) => m.title === 'The Quiet Harbour');
  expect(harbour).toMatchObject({ wordCount: 11 });
  const smf = testInfo.outputPath('harbour.docx');
  cli(['manuscript:export', harbour!.id, '--format', 'docx', '--out', smf]);
  const zip = await JSZip.loadAsync(fs.readFileSync(smf));
  const words = (xml: string) => xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  const body = words(await zip.file('word/document.xml')!.async('string'));
  expect(body).toContain('by Cli Writer');
  expect(body).not.toMatch(/Author|\/|test-results/);
  const heads = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/header\d+\.xml$/.test(name)).map(async (name) => words(await zip.file(name)!.async('string'))));
  expect(heads.join(' ')).toContain('Writer / Quiet /');

  const stranger = uniqueEmail('Nobody');
  cli(['user:create', '--email', stranger, '--name', 'Nobody'], 'a-long-cli-password\n');
  expect(() => cli(['manuscript:export', importedId, '--format', 'md', '--out', out, '--as', stranger])).toThrow(/not found/);

  expect(cli(['user:reset-password', '--email', email], 'another-long-password\n')).toContain('password changed');
  expect(() => cli(['user:create', '--email', email, '--name', 'Twice'], 'a-long-cli-password\n')).toThrow(/already exists/);
  await api.dispose();
});
