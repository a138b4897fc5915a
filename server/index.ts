import { openDatabase } from '../lib/db';
import { readEnv } from '../lib/validation/env';
import { createSqliteRoleSource } from './auth/roles';
import { startCollabServer } from './collab-server';
import { createCommentService } from './comments/comment-service';
import { createCollabMetrics } from './metrics/metrics';
import { createSqlitePersistence } from './persistence/sqlite-persistence';

// Composition root: read config, open storage, start the server, stop it cleanly on SIGTERM/SIGINT.
async function main() {
  const env = readEnv();
  if (!env.AUTH_SECRET) throw new Error('AUTH_SECRET is not set (npm start generates one into data/secret)');
  const db = openDatabase(env.DATABASE_URL);
  const metrics = createCollabMetrics();
  const server = await startCollabServer({
    host: env.COLLAB_HOST,
    port: env.COLLAB_PORT,
    persistence: createSqlitePersistence(db, { commitWindowMs: env.COLLAB_COMMIT_WINDOW_MS, onCommit: metrics.onCommit }),
    roles: createSqliteRoleSource(db),
    secret: env.AUTH_SECRET,
    roleRecheckMs: env.COLLAB_ROLE_RECHECK_MS,
    maxMessageBytes: env.COLLAB_MAX_MESSAGE_BYTES,
    limits: { maxSocketsPerUser: env.COLLAB_MAX_SOCKETS_PER_USER },
    roomGraceMs: env.COLLAB_ROOM_GRACE_MS,
    pingIntervalMs: env.COLLAB_PING_INTERVAL_MS,
    compactEveryUpdates: env.COLLAB_COMPACT_EVERY_UPDATES,
    checkpointIntervalMs: env.COLLAB_CHECKPOINT_INTERVAL_MS,
    comments: createCommentService(db),
    metrics,
    onDraftRestored: (event) => {
      // The inbox tells co-authors (loaded on first restore: mail is rare here); a failure to notify never fails the restore.
      void import('../lib/notifications/delivery')
        .then(({ inboxFromEnv }) => inboxFromEnv(db, env).draftRestored(event))
        .catch((error: unknown) => console.error(`[collab] inbox: ${(error as Error).message}`));
    },
  });
  console.log(`[collab] listening on ws://${env.COLLAB_HOST}:${server.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[collab] ${signal}: flushing rooms and closing connections`);
    await server.shutdown();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`[collab] failed to start: ${(error as Error).message}`);
  process.exit(1);
});
