import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drainable } from './http-drain';

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});

/** A server with an event stream, a slow request, one that never ends, and a quick one. */
async function start() {
  const server = http.createServer((request, response) => {
    if (request.url === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: unread\ndata: {"unread":0}\n\n');
    } else if (request.url === '/slow') {
      setTimeout(() => response.end('finished'), 300);
    } else if (request.url !== '/stuck') {
      response.end('quick');
    }
  });
  servers.push(server);
  const drain = drainable(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, drain, port: (server.address() as AddressInfo).port };
}

/** Sends a GET and resolves with what happened: the body, or how the connection ended. */
function get(port: number, path: string, agent: http.Agent, onHeaders?: () => void): Promise<string> {
  return new Promise((resolve) => {
    const headers = path === '/stream' ? { accept: 'text/event-stream' } : {};
    const request = http.get({ port, host: '127.0.0.1', path, agent, headers }, (response) => {
      onHeaders?.();
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
      response.on('error', () => resolve('cut'));
      response.on('close', () => resolve(response.complete ? body : 'cut'));
    });
    request.on('error', () => resolve('cut'));
  });
}

describe('drainable', () => {
  it('ends event streams and idle keep-alive connections, lets a request in flight finish, and closes', async () => {
    const { drain, port } = await start();
    const agent = new http.Agent({ keepAlive: true });
    expect(await get(port, '/quick', agent)).toBe('quick'); // leaves an idle keep-alive connection
    let streaming!: () => void;
    const streamOpen = new Promise<void>((resolve) => (streaming = resolve));
    const stream = get(port, '/stream', agent, streaming);
    await streamOpen;
    const slow = get(port, '/slow', agent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outcome = drain.drain(30_000);
    expect(await slow).toBe('finished');
    expect(await stream).toBe('cut');
    expect(await outcome).toBe('drained');
    agent.destroy();
  });

  it('cuts a request that never ends once the deadline has passed', async () => {
    const { drain, port } = await start();
    const agent = new http.Agent({ keepAlive: true });
    const stuck = get(port, '/stuck', agent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await drain.drain(200)).toBe('cut');
    expect(await stuck).toBe('cut');
    agent.destroy();
  });
});
