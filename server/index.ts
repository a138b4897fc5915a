import { openDatabase } from '../lib/db';
import { createPgStorage } from '../lib/storage/pg/storage';
import { isPostgresUrl, openPgPool } from '../lib/storage/pg/connect';
import { inboxFromEnv, startDigests } from '../lib/notifications/delivery';
import { createSqliteStorage } from '../lib/storage/sqlite';
import type { Storage as LibStorage } from '../lib/storage/storage';
import { readEnv, type Env } from '../lib/validation/env';
import { createPgRoleSource, createSqliteRoleSource } from './auth/roles';
import { startCollabServer, type CollabServerOptions } from './collab-server';
import { createCommentService } from './comments/comment-service';
import { createRedisFanout } from './fanout/redis-fanout';
import { createCollabMetrics, type CollabMetrics } from './metrics/metrics';
import { createJsonLog, type Log } from './log';
import { createPgPersistence } from './persistence/pg-persistence';
import { createSqlitePersistence } from './persistence/sqlite-persistence';
import { exitWithin, STOP_DEADLINE_MS } from './shutdown';

type CollabStorage = Pick<CollabServerOptions, 'persistence' | 'roles' | 'comments' | 'onDraftRestored'> & { close(): Promise<void> };

/** The store named by DATABASE_URL: the SQLite file (the default), or PostgreSQL shared by several instances. */
async function openStorage(env: Env, metrics: CollabMetrics, log: Log): Promise<CollabStorage> {
  const commitWindowMs = env.COLLAB_COMMIT_WINDOW_MS;
  if (isPostgresUrl(env.DATABASE_URL)) {
    const pool = await openPgPool(env.DATABASE_URL);
    log('storage: PostgreSQL');
    return withInbox(createPgStorage(pool), { persistence: createPgPersistence(pool, { commitWindowMs, onCommit: metrics.onCommit }), roles: createPgRoleSource(pool) }, env, log);
  }
  const db = openDatabase(env.DATABASE_URL);
  return withInbox(createSqliteStorage(db), { persistence: createSqlitePersistence(db, { commitWindowMs, onCommit: metrics.onCommit }), roles: createSqliteRoleSource(db) }, env, log);
}

/** Comments and the inbox (items, emails, digests) on the same store as the document log. */
function withInbox(storage: LibStorage, parts: Pick<CollabStorage, 'persistence' | 'roles'>, env: Env, log: Log): CollabStorage {
  const inbox = inboxFromEnv(storage, env);
  const stopDigests = startDigests(storage, env);
  return {
    ...parts,
    comments: createCommentService(storage, { onActivity: inbox.comment }),
    // The inbox tells co-authors; a failure to notify never fails the restore.
    onDraftRestored: (event) => void inbox.draftRestored(event).catch((error: unknown) => log(`inbox: ${(error as Error).message}`, { manuscriptId: event.manuscriptId, level: 'error' })),
    close: async () => {
      stopDigests();
      await storage.close();
    },
  };
}

// Composition root: read config, open storage, start the server, stop it cleanly on SIGTERM/SIGINT.
async function main() {
  const env = readEnv();
  if (!env.AUTH_SECRET) throw new Error('AUTH_SECRET is not set (npm start generates one into data/secret)');
  const metrics = createCollabMetrics();
  const log = createJsonLog({});
  const storage = await openStorage(env, metrics, log);
  const fanout = env.REDIS_URL ? await createRedisFanout({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, log, onTraffic: metrics.onFanout }) : undefined;
  if (fanout) log(`fan-out: Redis, instance ${fanout.instanceId}`, { instanceId: fanout.instanceId });
  const server = await startCollabServer({
    host: env.COLLAB_HOST,
    port: env.COLLAB_PORT,
    persistence: storage.persistence,
    roles: storage.roles,
    comments: storage.comments,
    onDraftRestored: storage.onDraftRestored,
    fanout,
    log,
    secret: env.AUTH_SECRET,
    roleRecheckMs: env.COLLAB_ROLE_RECHECK_MS,
    maxMessageBytes: env.COLLAB_MAX_MESSAGE_BYTES,
    limits: { maxSocketsPerUser: env.COLLAB_MAX_SOCKETS_PER_USER },
    roomGraceMs: env.COLLAB_ROOM_GRACE_MS,
    pingIntervalMs: env.COLLAB_PING_INTERVAL_MS,
    compactEveryUpdates: env.COLLAB_COMPACT_EVERY_UPDATES,
    checkpointIntervalMs: env.COLLAB_CHECKPOINT_INTERVAL_MS,
    metrics,
  });
  log(`listening on ws://${env.COLLAB_HOST}:${server.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: flushing rooms and closing connections`);
    exitWithin(STOP_DEADLINE_MS, (line) => log(line, { level: 'error' }));
    await server.shutdown();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`[collab] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
