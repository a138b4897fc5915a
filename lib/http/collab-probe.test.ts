import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { collabReadyzUrl, probeCollab } from './collab-probe';
import { freePort } from '../testing/ports';

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('probeCollab', () => {
  it('asks /readyz behind the WebSocket address, keeping a path prefix', () => {
    expect(collabReadyzUrl('ws://127.0.0.1:1234')).toBe('http://127.0.0.1:1234/readyz');
    expect(collabReadyzUrl('wss://books.example/collab')).toBe('https://books.example/collab/readyz');
  });

  it('passes when collab is ready, and names the reason when it is not or cannot be reached', async () => {
    let ready = true;
    server = http.createServer((request, response) => {
      response.writeHead(request.url === '/readyz' && ready ? 200 : 503);
      response.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(probeCollab(url)).resolves.toBeUndefined();
    ready = false;
    await expect(probeCollab(url)).rejects.toThrow(`collab at ${url} is not ready (HTTP 503)`);
    const nobody = `ws://127.0.0.1:${await freePort()}`;
    await expect(probeCollab(nobody)).rejects.toThrow(`collab is unreachable at ${nobody} (ECONNREFUSED)`);
  });
});
