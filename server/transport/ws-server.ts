import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode, closeReason } from '../../lib/collab/close-codes';
import { parseRoomName } from '../../lib/collab/room-name';
import type { AuthResult } from '../auth/authenticate';
import type { AcquireResult } from '../rooms/room-manager';

export interface TransportOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  pingIntervalMs: number;
  authenticate: (request: IncomingMessage, manuscriptId: string) => Promise<AuthResult>;
  acquireRoom: (manuscriptId: string) => Promise<AcquireResult>;
  health: () => Record<string, unknown>;
  log: (line: string) => void;
}

export interface Transport {
  readonly port: number;
  /** Stops accepting connections; open sockets stay until the rooms close them. */
  stopAccepting(): Promise<void>;
  /** Terminates whatever sockets are still open. */
  terminateAll(): void;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** HTTP + WebSocket front door: health check, upgrade, keepalive, then hands each socket to its room. */
export async function startTransport(options: TransportOptions): Promise<Transport> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const alive = new WeakMap<WebSocket, boolean>();

  const server = http.createServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, ...options.health() }));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Scriptorium collab server: connect with a WebSocket to /manuscript.<id>\n');
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(request, socket, head, (ws) => void accept(ws, request));
  });

  async function accept(ws: WebSocket, request: IncomingMessage): Promise<void> {
    ws.binaryType = 'nodebuffer';
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    // Frames that arrive while we authenticate and load are kept, in order, for the room.
    const early: Uint8Array[] = [];
    const buffer = (data: RawData) => early.push(toBytes(data));
    ws.on('message', buffer);
    ws.on('error', (error) => options.log(`socket error: ${error.message}`));

    const close = (code: CloseCode, detail: string) => {
      options.log(`refused ${request.url?.split('?')[0]}: ${closeReason[code]} (${detail})`);
      ws.close(code, closeReason[code]);
    };
    // The room name must be exactly the path: no decoding, so encoded slashes or dots never reach storage.
    const path = (request.url ?? '').split('?')[0] ?? '';
    const manuscriptId = parseRoomName(path.slice(1));
    if (!manuscriptId) return close(CloseCode.NotFound, 'not a room name');

    const auth = await options.authenticate(request, manuscriptId);
    if (!auth.ok) return close(auth.code, 'authentication failed');
    const acquired = await options.acquireRoom(manuscriptId);
    if (!acquired.ok) return close(acquired.code, acquired.reason);
    if (ws.readyState !== ws.OPEN) return;

    const room = acquired.room;
    room.join(ws, auth.identity);
    ws.off('message', buffer);
    ws.on('message', (data: RawData) => room.receive(ws, toBytes(data)));
    ws.on('close', () => room.leave(ws));
    for (const frame of early) room.receive(ws, frame);
  }

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs);
  pinger.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    stopAccepting: () =>
      new Promise<void>((resolve) => {
        clearInterval(pinger);
        server.close(() => resolve());
        // server.close waits for upgraded sockets too; those are closed by the rooms.
        setImmediate(() => server.closeIdleConnections?.());
        resolve();
      }),
    terminateAll: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
