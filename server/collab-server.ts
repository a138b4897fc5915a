import { CloseCode } from '../lib/collab/close-codes';
import { createAuthenticator } from './auth/authenticate';
import type { Storage } from '../lib/storage/storage';
import type { CommentService } from './comments/comment-service';
import type { Fanout } from './fanout/fanout';
import type { Log } from './log';
import type { CollabMetrics } from './metrics/metrics';
import { roomFeatures, type RoomFeatureOptions } from './rooms/features';
import type { RoomLimits } from './rooms/room-options';
import { RoomManager } from './rooms/room-manager';
import { DEFAULT_LIMITS, startTransport, type TransportLimits } from './transport/ws-server';

export interface CollabServerOptions {
  host: string;
  port: number;
  /** The document log, roles and drafts (the caller opens and closes it). */
  storage: Storage;
  /** The secret web signs collab tokens with. */
  secret: string;
  roleRecheckMs: number;
  maxMessageBytes: number;
  /** Overrides of the transport's handshake, frame and per-user limits. */
  limits?: Partial<Omit<TransportLimits, 'maxMessageBytes'>>;
  roomLimits?: Partial<RoomLimits>;
  roomGraceMs: number;
  pingIntervalMs: number;
  // Options of the room features (rooms/features/index.ts), wired into the feature list below.
  compactEveryUpdates: number;
  checkpointIntervalMs: number;
  comments?: CommentService;
  onDraftRestored?: RoomFeatureOptions['onDraftRestored'];
  metrics?: CollabMetrics;
  /** Other collab instances (Redis), when this is one of several. */
  fanout?: Fanout;
  log?: Log;
}

export interface CollabServer {
  readonly port: number;
  readonly rooms: RoomManager;
  /** Graceful stop: refuse new connections, flush and compact every room, close sockets with 1012. */
  shutdown(): Promise<void>;
}

/** Wires transport, auth, rooms (with their features) and storage; holds no logic of its own. */
export async function startCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  const log: Log = options.log ?? ((line) => console.log(`[collab] ${line}`));
  const rooms = new RoomManager(options.storage, {
    graceMs: options.roomGraceMs,
    roleRecheckMs: options.roleRecheckMs,
    features: roomFeatures({
      compactEveryUpdates: options.compactEveryUpdates,
      checkpointIntervalMs: options.checkpointIntervalMs,
      comments: options.comments,
      onDraftRestored: options.onDraftRestored,
      onUpdate: options.metrics?.onUpdate,
    }),
    limits: options.roomLimits,
    fanout: options.fanout,
    log,
  });
  const transport = await startTransport({
    host: options.host,
    port: options.port,
    limits: { ...DEFAULT_LIMITS, ...options.limits, maxMessageBytes: options.maxMessageBytes },
    pingIntervalMs: options.pingIntervalMs,
    authenticate: createAuthenticator({ secret: options.secret, members: options.storage.members }),
    acquireRoom: async (manuscriptId) =>
      rooms.ready ? rooms.acquire(manuscriptId) : { ok: false, code: CloseCode.TryAgainLater, reason: 'cannot reach the other instances' },
    health: () => ({ rooms: rooms.loadedRoomCount }),
    route: (request, response) => {
      if (request.url === '/readyz') {
        response.writeHead(rooms.ready ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ready: rooms.ready }));
        return true;
      }
      options.metrics?.setRooms(rooms.loadedRoomCount);
      options.metrics?.setConnections(transport.connectionCount);
      return options.metrics?.route(request, response) ?? false;
    },
    log,
  });

  return {
    port: transport.port,
    rooms,
    async shutdown() {
      await transport.stopAccepting();
      await rooms.unloadAll(CloseCode.ServiceRestart);
      await options.storage.documents.flush();
      await options.fanout?.close();
      transport.terminateAll();
    },
  };
}
