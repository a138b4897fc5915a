import { readEnv, type Env } from '../lib/config/env';
import { inboxFromEnv, startDigests } from '../lib/notifications/delivery';
import { openStorage } from '../lib/storage/open';
import type { Storage } from '../lib/storage/storage';
import { startCollabServer, type CollabServerOptions } from './collab-server';
import { createCommentService } from './comments/comment-service';
import { createRedisFanout } from './fanout/redis-fanout';
import { createCollabMetrics } from './metrics/metrics';
import { createJsonLog, type Log } from './log';
import { exitWithin, STOP_DEADLINE_MS } from '../lib/process/stop-deadline';

/** Comments and the inbox (items, emails, digests) on the same store as the document log. */
function withInbox(storage: Storage, env: Env, log: Log): Pick<CollabServerOptions, 'comments' | 'onDraftRestored'> & { stopDigests(): void } {
  const inbox = inboxFromEnv(storage, env);
  return {
    comments: createCommentService(storage, { onActivity: inbox.comment }),
    // The inbox tells co-authors; a failure to notify never fails the restore.
    onDraftRestored: (event) => void inbox.draftRestored(event).catch((error: unknown) => log(`inbox: ${(error as Error).message}`, { manuscriptId: event.manuscriptId, level: 'error' })),
    stopDigests: startDigests(storage, env),
  };
}

// Composition root: read config, open storage, start the server, stop it cleanly on SIGTERM/SIGINT.
async function main() {
  const env = readEnv();
  if (!env.AUTH_SECRET) throw new Error('AUTH_SECRET is not set (npm start generates one into data/secret)');
  const metrics = createCollabMetrics();
  const log = createJsonLog({});
  const storage = await openStorage(env.DATABASE_URL, { commitWindowMs: env.COLLAB_COMMIT_WINDOW_MS, onCommit: metrics.onCommit });
  if (storage.engine === 'postgres') log('storage: PostgreSQL');
  const inbox = withInbox(storage, env, log);
  const fanout = env.REDIS_URL ? await createRedisFanout({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, log, onTraffic: metrics.onFanout }) : undefined;
  if (fanout) log(`fan-out: Redis, instance ${fanout.instanceId}`, { instanceId: fanout.instanceId });
  const server = await startCollabServer({
    host: env.COLLAB_HOST,
    port: env.COLLAB_PORT,
    storage,
    comments: inbox.comments,
    onDraftRestored: inbox.onDraftRestored,
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
    inbox.stopDigests();
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
