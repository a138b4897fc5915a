import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { createManuscript, openManuscript, signUp, typeAtEnd } from './writers';

/** What a stranger (or nobody) may get from each route when aimed at someone else's manuscript. */
type Case = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  multipart?: () => Record<string, { name: string; mimeType: string; buffer: Buffer }>;
  /** Routes about the caller's own data answer them, but must never show the other writer's. */
  ownData?: boolean;
};
type Ids = { manuscriptId: string; ownerId: string; invitationId: string; tokenId: string };

/** Every route under app/api, by folder. A new route file without an entry here fails the test. */
const ROUTES: Record<string, Case[] | { reason: string }> = {
  'auth/[...nextauth]': { reason: "next-auth's own endpoints; they touch no manuscript" },
  me: [{ method: 'GET', url: () => '/api/me', ownData: true }],
  'me/appearance': [
    { method: 'GET', url: () => '/api/me/appearance', ownData: true },
    { method: 'PUT', url: () => '/api/me/appearance', body: () => ({ theme: 'dark', font: 'classic', size: 'large', typewriter: true, focus: false }), ownData: true },
  ],
  notifications: [{ method: 'GET', url: () => '/api/notifications', ownData: true }],
  'notifications/read': [{ method: 'POST', url: () => '/api/notifications/read', body: () => ({}), ownData: true }],
  'notifications/settings': [
    { method: 'GET', url: () => '/api/notifications/settings', ownData: true },
    { method: 'PUT', url: () => '/api/notifications/settings', body: () => ({ kinds: ['mention'], email: 'off' }), ownData: true },
  ],
  'notifications/stream': { reason: "server-sent events that never end: only the caller's own unread count, behind withUser like every route" },
  manuscripts: [
    { method: 'GET', url: () => '/api/manuscripts', ownData: true },
    { method: 'POST', url: () => '/api/manuscripts', body: () => ({ title: 'Mine' }), ownData: true },
  ],
  'manuscripts/[id]': [
    { method: 'GET', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}` },
    { method: 'PATCH', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}`, body: () => ({ title: 'Hijacked' }) },
    { method: 'DELETE', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}` },
  ],
  'manuscripts/[id]/settings': [
    { method: 'GET', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/settings` },
    {
      method: 'PUT',
      url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/settings`,
      body: () => ({ title: 'Hijacked', authorLegalName: '', byline: '', contactAddress: '', contactEmail: '', contactPhone: '', genre: '', runningHeadKeyword: '', targetWords: null, deadline: null }),
    },
  ],
  'manuscripts/[id]/export': [
    { method: 'GET', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/export?format=txt` },
  ],
  'manuscripts/import': [
    {
      method: 'POST',
      url: () => '/api/manuscripts/import',
      multipart: () => ({ file: { name: 'mine.md', mimeType: 'text/markdown', buffer: Buffer.from('# One\n\nMy own words.\n') } }),
      ownData: true,
    },
  ],
  'manuscripts/[id]/drafts': [
    { method: 'GET', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/drafts` },
    { method: 'POST', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/drafts`, body: () => ({ name: 'Stolen' }) },
  ],
  'manuscripts/[id]/restore': [{ method: 'POST', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/restore` }],
  'manuscripts/[id]/members': [
    { method: 'GET', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/members` },
    { method: 'POST', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/members`, body: () => ({ email: 'x@example.test', role: 'editor' }) },
  ],
  'manuscripts/[id]/members/[userId]': [
    { method: 'PATCH', url: ({ manuscriptId, ownerId }) => `/api/manuscripts/${manuscriptId}/members/${ownerId}`, body: () => ({ role: 'viewer' }) },
    { method: 'DELETE', url: ({ manuscriptId, ownerId }) => `/api/manuscripts/${manuscriptId}/members/${ownerId}` },
  ],
  'manuscripts/[id]/invitations': [
    { method: 'POST', url: ({ manuscriptId }) => `/api/manuscripts/${manuscriptId}/invitations`, body: () => ({ role: 'editor' }) },
  ],
  'manuscripts/[id]/invitations/[invitationId]': [
    { method: 'DELETE', url: ({ manuscriptId, invitationId }) => `/api/manuscripts/${manuscriptId}/invitations/${invitationId}` },
  ],
  'collab-token': [{ method: 'POST', url: () => '/api/collab-token', body: ({ manuscriptId }) => ({ manuscriptId }) }],
  tokens: [
    { method: 'GET', url: () => '/api/tokens', ownData: true },
    { method: 'POST', url: () => '/api/tokens', body: () => ({ name: 'mine' }), ownData: true },
  ],
  'tokens/[tokenId]': [{ method: 'DELETE', url: ({ tokenId }) => `/api/tokens/${tokenId}` }],
};

function routeFiles(dir = 'app/api', prefix = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const [route, methods] of routeFiles(full, prefix ? `${prefix}/${entry.name}` : entry.name)) found.set(route, methods);
    } else if (entry.name === 'route.ts') {
      const source = fs.readFileSync(full, 'utf8');
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      const destructured = /export const \{([^}]+)\}/.exec(source)?.[1]?.split(',').map((m) => m.trim()) ?? [];
      found.set(prefix, [...methods, ...destructured].sort());
    }
  }
  return found;
}

async function send(request: APIRequestContext, testCase: Case, ids: Ids, headers: Record<string, string> = {}) {
  const response = await request.fetch(testCase.url(ids), {
    method: testCase.method,
    headers: { ...headers, ...(testCase.body ? { 'content-type': 'application/json' } : {}) },
    data: testCase.body ? JSON.stringify(testCase.body(ids)) : undefined,
    multipart: testCase.multipart?.(),
    maxRedirects: 5,
  });
  return { status: response.status(), body: await response.text() };
}

test('every API route refuses a stranger and an anonymous caller, and shows them no manuscript bytes', async ({ browser, playwright, baseURL }) => {
  const found = routeFiles();
  expect([...found.keys()].sort(), 'every route file needs a case in ROUTES').toEqual(Object.keys(ROUTES).sort());
  for (const [route, methods] of found) {
    const cases = ROUTES[route]!;
    if ('reason' in cases) continue;
    expect(cases.map((c) => c.method).sort(), `methods of app/api/${route}/route.ts`).toEqual(methods);
  }

  // Ada owns a manuscript with words in it, an invitation link and an API token.
  const ada = await signUp(browser, 'Ada');
  const secretTitle = `Secret Title ${Date.now()}`;
  const manuscriptPath = await createManuscript(ada, secretTitle);
  const manuscriptId = manuscriptPath.split('/').pop()!;
  const adaIn = await openManuscript(ada, manuscriptPath);
  await typeAtEnd(adaIn, 'Private prose nobody else may read.');
  await expect(adaIn.status).toHaveText('Saved');
  const adaApi = ada.context.request;
  const ownerId = ((await (await adaApi.get('/api/me')).json()) as { id: string }).id;
  const invitationId = ((await (await adaApi.post(`/api/manuscripts/${manuscriptId}/invitations`, { data: { role: 'viewer' } })).json()) as { id: string }).id;
  const tokenId = ((await (await adaApi.post('/api/tokens', { data: { name: 'ada' } })).json()) as { id: string }).id;
  const ids: Ids = { manuscriptId, ownerId, invitationId, tokenId };

  const ben = await signUp(browser, 'Ben');
  const benToken = ((await (await ben.context.request.post('/api/tokens', { data: { name: 'ben' } })).json()) as { token: string }).token;
  const anonymous = await playwright.request.newContext({ baseURL });
  const secrets = [secretTitle, 'Private prose', manuscriptId];

  for (const [route, cases] of Object.entries(ROUTES)) {
    if ('reason' in cases) continue;
    for (const testCase of cases) {
      const what = `${testCase.method} ${route}`;
      for (const [who, request, headers] of [
        ['Ben by cookie', ben.context.request, {}],
        ['Ben by bearer token', anonymous, { authorization: `Bearer ${benToken}` }],
      ] as const) {
        const { status, body } = await send(request, testCase, ids, headers);
        if (testCase.ownData) expect(status, `${what} as ${who}`).toBeLessThan(300);
        else expect([401, 403, 404], `${what} as ${who} answered ${status}`).toContain(status);
        for (const secret of secrets) expect(body, `${what} as ${who} leaked`).not.toContain(secret);
      }
      const anon = await send(anonymous, testCase, ids);
      expect(anon.status, `${what} anonymously`).toBe(401);
      const forged = await send(anonymous, testCase, ids, { authorization: 'Bearer scr_forged' });
      expect(forged.status, `${what} with a forged token`).toBe(401);
    }
  }

  // Path variants of Ada's manuscript answer like unknown ones.
  for (const variant of [manuscriptId.toUpperCase(), `${manuscriptId}%2F`, `${manuscriptId}/`, `..%2F${manuscriptId}`, `${manuscriptId}%00`]) {
    const response = await ben.context.request.get(`/api/manuscripts/${variant}`);
    // 400 when a proxy in front (the cluster's nginx) refuses the malformed path itself.
    expect([400, 401, 403, 404], `variant ${variant}`).toContain(response.status());
    expect(await response.text()).not.toContain(secretTitle);
  }

  // And Ada's manuscript is unharmed.
  const after = (await (await adaApi.get(`/api/manuscripts/${manuscriptId}`)).json()) as { title: string; role: string };
  expect(after).toMatchObject({ title: secretTitle, role: 'owner' });
  const members = (await (await adaApi.get(`/api/manuscripts/${manuscriptId}/members`)).json()) as { members: { userId: string; role: string }[] };
  expect(members.members).toEqual([expect.objectContaining({ userId: ownerId, role: 'owner' })]);
  await anonymous.dispose();
});
