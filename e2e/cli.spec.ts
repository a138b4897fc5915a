import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { uniqueEmail } from './writers';

/** Runs the self-hoster's CLI against the same database as the running app. */
function cli(args: string[], input?: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: 'file:./data/e2e.db' },
    input,
    encoding: 'utf8',
  });
}

test('the CLI creates a writer and a token; the token lists their manuscripts and fetches a collab token', async ({ playwright, baseURL }) => {
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

  expect(cli(['user:reset-password', '--email', email], 'another-long-password\n')).toContain('password changed');
  expect(() => cli(['user:create', '--email', email, '--name', 'Twice'], 'a-long-cli-password\n')).toThrow(/already exists/);
  await api.dispose();
});
