import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { canWrite } from '../../lib/domain/roles';
import { CloseCode, closeReason } from '../../lib/collab/close-codes';
import { PROTOCOL_VERSION } from '../../lib/collab/protocol';
import { parseRoomName } from '../../lib/collab/room-name';
import type { AuthResult, Identity } from '../auth/authenticate';
import type { AcquireResult, JoinableRoom } from '../rooms/room-manager';
import { HandshakeGate } from './handshake-gate';
import { RefusalLimiter } from './refusal-limiter';
import type { Log } from '../log';

export interface TransportLimits {
  /** Largest frame from a connection that may write (editors, owner). */
  maxMessageBytes: number;
  /** Largest frame from a read-only connection (commenters, viewers): awareness, comments, sync step 1. */
  maxReaderMessageBytes: number;
  /** Handshakes (upgrade → authenticated) in flight at once, in total and from one address. */
  maxPendingHandshakes: number;
  maxPendingPerAddress: number;
  /** A handshake that has not authenticated within this is dropped. */
  handshakeTimeoutMs: number;
  /** Open sockets per authenticated user (tabs, devices); one more is closed with 4429. */
  maxSocketsPerUser: number;
  /** Failed handshakes from one address within `refusalWindowSeconds` before it is refused at the HTTP upgrade for `refusalBlockSeconds`. */
  maxFailedHandshakes: number;
  refusalWindowSeconds: number;
  refusalBlockSeconds: number;
}

export const DEFAULT_LIMITS: Omit<TransportLimits, 'maxMessageBytes'> = {
  maxReaderMessageBytes: 1024 * 1024,
  maxPendingHandshakes: 512,
  maxPendingPerAddress: 32,
  handshakeTimeoutMs: 5_000,
  maxSocketsPerUser: 20,
  maxFailedHandshakes: 30,
  refusalWindowSeconds: 10,
  refusalBlockSeconds: 30,
};

export interface TransportOptions {
  host: string;
  port: number;
  limits: TransportLimits;
  pingIntervalMs: number;
  authenticate: (request: IncomingMessage, manuscriptId: string) => Promise<AuthResult>;
  acquireRoom: (manuscriptId: string) => Promise<AcquireResult>;
  health: () => Record<string, unknown>;
  /** Extra HTTP routes on the same port (metrics); return true when handled. */
  route?: (request: IncomingMessage, response: http.ServerResponse) => boolean;
  log: Log;
}

export interface Transport {
  readonly port: number;
  /** Open WebSocket connections, writers' and readers'. */
  readonly connectionCount: number;
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

/** Answers a refused upgrade in plain HTTP and closes; the timer only cuts off a peer that never reads the answer. */
function answerAndClose(socket: Duplex, status: string, retryAfterSeconds: number): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nRetry-After: ${retryAfterSeconds}\r\n\r\n`);
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** A refused WebSocket still learns why (its close code), but may send nothing more: paused, then cut. */
function refuseOpenSocket(ws: WebSocket, code: CloseCode): void {
  ws.pause();
  ws.close(code, closeReason[code]);
  setTimeout(() => ws.terminate(), 1_000).unref();
}

/**
 * HTTP + WebSocket front door. A connection is authenticated and its room loaded during the HTTP
 * upgrade, before it becomes a WebSocket, so no frame from an unknown client is ever read or
 * buffered; the frame limit is then chosen by role.
 */
export async function startTransport(options: TransportOptions): Promise<Transport> {
  const { limits } = options;
  const writers = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const readers = new WebSocketServer({ noServer: true, maxPayload: Math.min(limits.maxReaderMessageBytes, limits.maxMessageBytes) });
  const gate = new HandshakeGate(limits.maxPendingHandshakes, limits.maxPendingPerAddress);
  const refusals = new RefusalLimiter({ failures: limits.maxFailedHandshakes, perSeconds: limits.refusalWindowSeconds, blockSeconds: limits.refusalBlockSeconds });
  const socketsPerUser = new Map<string, number>();
  const alive = new WeakMap<WebSocket, boolean>();
  let accepting = true;

  // Slow or silent HTTP clients are cut off instead of holding a socket open.
  const timeouts = {
    headersTimeout: limits.handshakeTimeoutMs,
    requestTimeout: limits.handshakeTimeoutMs * 2,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.handshakeTimeoutMs / 2)),
  };
  const server = http.createServer(timeouts, (request, response) => {
    if (options.route?.(request, response)) return;
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, ...options.health() }));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Scriptorium collab server: connect with a WebSocket to /manuscript.<id>\n');
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!accepting || !gate.enter(address)) return answerAndClose(socket, '503 Service Unavailable', 2);
    const timer = setTimeout(() => socket.destroy(), limits.handshakeTimeoutMs);
    void refusals
      .isBlocked(address)
      .then((blocked) => (blocked ? ({ ok: false, code: CloseCode.TooManyMessages, detail: 'blocked', blocked: true } as const) : handshake(request)))
      .then((outcome) => {
        if (!outcome.ok && 'blocked' in outcome) {
          clearTimeout(timer);
          gate.leave(address);
          return answerAndClose(socket, '429 Too Many Requests', 30);
        }
        if (!outcome.ok) void refusals.fail(address);
        clearTimeout(timer);
        gate.leave(address);
        if (socket.destroyed) {
          if (outcome.ok) {
            outcome.release();
            outcome.room.releaseIfEmpty();
          }
          return;
        }
        const wss = outcome.ok && canWrite(outcome.identity.role) ? writers : readers;
        wss.handleUpgrade(request, socket, head, (ws) => {
          if (!outcome.ok) {
            options.log(`refused ${request.url?.split('?')[0]}: ${closeReason[outcome.code]} (${outcome.detail})`, { code: outcome.code, level: 'warn' });
            return refuseOpenSocket(ws, outcome.code);
          }
          open(ws, outcome.room, outcome.identity, outcome.release);
        });
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        gate.leave(address);
        options.log(`handshake failed: ${(error as Error).message}`, { level: 'error' });
        socket.destroy();
      });
  });

  type Handshake =
    | { ok: true; identity: Identity; room: JoinableRoom; release: () => void }
    | { ok: false; code: CloseCode; detail: string };

  async function handshake(request: IncomingMessage): Promise<Handshake> {
    // The room name must be exactly the path: no decoding, so encoded slashes or dots never reach storage.
    const [path = '', query = ''] = (request.url ?? '').split('?');
    const manuscriptId = parseRoomName(path.slice(1));
    if (!manuscriptId) return { ok: false, code: CloseCode.NotFound, detail: 'not a room name' };
    if (new URLSearchParams(query).get('v') !== String(PROTOCOL_VERSION)) {
      return { ok: false, code: CloseCode.ProtocolOutdated, detail: 'client speaks another protocol version' };
    }
    const auth = await options.authenticate(request, manuscriptId);
    if (!auth.ok) return { ok: false, code: auth.code, detail: 'authentication failed' };
    const userId = auth.identity.user.id;
    const open = socketsPerUser.get(userId) ?? 0;
    if (open >= limits.maxSocketsPerUser) return { ok: false, code: CloseCode.TooManyConnections, detail: `user ${userId} has ${open} open` };
    socketsPerUser.set(userId, open + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (socketsPerUser.get(userId) ?? 1) - 1;
      if (left <= 0) socketsPerUser.delete(userId);
      else socketsPerUser.set(userId, left);
    };
    const acquired = await options.acquireRoom(manuscriptId).catch((error: unknown) => {
      release();
      throw error;
    });
    if (!acquired.ok) {
      release();
      return { ok: false, code: acquired.code, detail: acquired.reason };
    }
    return { ok: true, identity: auth.identity, room: acquired.room, release };
  }

  function open(ws: WebSocket, room: JoinableRoom, identity: Identity, release: () => void): void {
    ws.binaryType = 'nodebuffer';
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', (error) => options.log(`socket error: ${error.message}`, { level: 'warn' }));
    ws.on('close', () => {
      release();
      room.leave(ws);
    });
    room.join(ws, identity);
    ws.on('message', (data: RawData) => room.receive(ws, toBytes(data)));
  }

  const pinger = setInterval(() => {
    for (const wss of [writers, readers]) {
      for (const ws of wss.clients) {
        if (!alive.get(ws)) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      }
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
    get connectionCount() {
      return writers.clients.size + readers.clients.size;
    },
    stopAccepting: async () => {
      accepting = false;
      clearInterval(pinger);
      // server.close waits for upgraded sockets too; those are closed by the rooms.
      server.close();
      server.closeIdleConnections?.();
    },
    terminateAll: () => {
      for (const wss of [writers, readers]) {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
      }
    },
  };
}
