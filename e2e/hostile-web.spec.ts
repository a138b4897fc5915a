import { E2E_COLLAB_PUBLIC_URL } from './environment';
import { expect, test } from './fixtures';
import { signInOverHttp, uploadUntilAnswered, type From } from './raw-http';
import { signUp } from './writers';

/** A client of the web server from one of this machine's loopback addresses. */
const from = (address: string, baseURL: string | undefined): From => ({ address, port: Number(new URL(baseURL!).port) });

test('every page and API answer carries the security headers; a forged X-Forwarded-Proto earns no HSTS', async ({ request }) => {
  const page = await request.get('/signin', { headers: { 'x-forwarded-proto': 'https' } });
  const policy = page.headers()['content-security-policy']!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  // Collab on its own port, or (behind nginx) at the public URL the web app is given.
  if (E2E_COLLAB_PUBLIC_URL) expect(policy).toContain(`connect-src 'self' ${new URL(E2E_COLLAB_PUBLIC_URL).origin}`);
  else expect(policy).toMatch(/connect-src 'self' ws:\/\/localhost:\d+ wss:\/\/localhost:\d+/);
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/); // scripts never run inline without the nonce
  // Next put this response's nonce on every script it wrote; the next page gets a fresh one.
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  const again = await request.get('/signin');
  expect(again.headers()['content-security-policy']).not.toContain(nonce!);

  const staticFile = await request.get(/src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!);
  const api = await request.get('/api/me');
  expect(api.status()).toBe(401);
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  for (const answer of [page, staticFile, api]) {
    expect(answer.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'strict-origin-when-cross-origin' });
  }
  // Plain HTTP without a trusted proxy: the client's claim of HTTPS is ignored, so no HSTS and no
  // __Secure- cookies a browser on http:// would drop.
  expect(page.headers()['strict-transport-security']).toBeUndefined();
  const csrf = await request.get('/api/auth/csrf', { headers: { 'x-forwarded-proto': 'https' } });
  expect(csrf.headers()['set-cookie']).toMatch(/^authjs\.csrf-token=/m);
});

test('a stranger guessing a writer’s password is paused, forged X-Forwarded-For or not, while the writer signs in from home', async ({ browser, baseURL }) => {
  const writer = await signUp(browser, 'Wren');
  const stranger = from('127.0.0.2', baseURL);
  const home = from('127.0.0.3', baseURL);

  // Each attempt claims to come from somewhere new; without TRUST_PROXY the claim buys nothing.
  const outcomes: string[] = [];
  for (let attempt = 1; attempt <= 7; attempt++) {
    outcomes.push(await signInOverHttp(stranger, writer.email, `guess-${attempt}`, { 'x-forwarded-for': `10.9.8.${attempt}`, 'x-real-ip': `10.9.9.${attempt}` }));
  }
  expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'rate-limited', 'rate-limited']);
  // Paused means paused: even the right password is not tried from the stranger's address.
  expect(await signInOverHttp(stranger, writer.email, writer.password)).toBe('rate-limited');

  // The writer, from another address, is not locked out of their own account.
  expect(await signInOverHttp(home, writer.email, writer.password)).toBe('signed-in');
});

test('an upload over 20 MB is refused at the limit, declared or streamed, and a small one imports', async ({ browser, baseURL }) => {
  const writer = await signUp(browser, 'Uma');
  const created = await writer.context.request.post('/api/tokens', { data: { name: 'uploads' } });
  const { token } = (await created.json()) as { token: string };
  const client = from('127.0.0.4', baseURL);
  const GIB = 1024 * 1024 * 1024;

  // Declared too large: refused from the headers, before the body is read.
  const declared = await uploadUntilAnswered(client, '/api/manuscripts/import', { token, totalBytes: GIB, declareLength: true });
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body)).toEqual({ error: { code: 'too_large', message: 'That file is larger than 20 MB.' } });

  // Chunked, no length: counted while streaming and refused at the limit. Had the server buffered
  // the body first, it could only answer after the whole gigabyte.
  const streamed = await uploadUntilAnswered(client, '/api/manuscripts/import', { token, totalBytes: GIB, declareLength: false });
  expect(streamed.status).toBe(413);
  expect(streamed.bytesSentBeforeAnswer).toBeLessThan(GIB / 8);
  for (const answer of [declared, streamed]) console.log(`413 after ${(answer.bytesSentBeforeAnswer / 1024 / 1024).toFixed(1)} MiB sent of a 1 GiB upload`);

  // A draft within the limit still becomes a manuscript through the same streamed path.
  const small = await writer.context.request.post('/api/manuscripts/import', {
    headers: { authorization: `Bearer ${token}` },
    multipart: { file: { name: 'Short Story.md', mimeType: 'text/markdown', buffer: Buffer.from('## One\n\nIt rained.\n') } },
  });
  expect(small.status()).toBe(201);
  expect(await small.json()).toMatchObject({ title: 'Short Story' });

  // A JSON body is bounded too: a megabyte of settings is refused, not parsed.
  const bloated = await writer.context.request.put('/api/me/appearance', { data: { theme: 'dark', padding: 'x'.repeat(1024 * 1024) } });
  expect(bloated.status()).toBe(413);
  expect(await bloated.json()).toEqual({ error: { code: 'too_large', message: 'That request is larger than 256 KB.' } });
});
