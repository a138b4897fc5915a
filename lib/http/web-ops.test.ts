import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebOps } from './web-ops';

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(checkReady: () => void): Promise<string> {
  const ops = createWebOps({ checkReady });
  server = http.createServer((request, response) => {
    if (ops.route(request, response)) return;
    ops.observe(request, response);
    response.writeHead(request.url === '/missing' ? 404 : 200);
    response.end('the app');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('web ops routes', () => {
  it('answer health, readiness and metrics, and count what the app answered', async () => {
    let storeUp = true;
    const base = await serve(() => {
      if (!storeUp) throw new Error('database unreachable');
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    storeUp = false;
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, reason: 'database unreachable' });
    await fetch(`${base}/api/me`);
    await fetch(`${base}/missing`);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/web_http_requests_total\{kind="api",status="2xx"\} 1/);
    expect(metrics).toMatch(/web_http_requests_total\{kind="page",status="4xx"\} 1/);
    expect(metrics).toContain('nodejs_eventloop_lag_p99_seconds');
  });
});
