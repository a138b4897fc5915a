import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../lib/collab/close-codes';
import { signCollabToken } from '../../lib/collab/token';
import { newId } from '../../lib/storage/secrets';
import { encodeNewManuscript } from '../../lib/manuscript/binder';
import { openPgPool, type PgPool } from '../../lib/storage/pg/connect';
import { startCollabServer, type CollabServer } from '../collab-server';
import { createPgStorage } from '../../lib/storage/pg/storage';
import { TEST_SECRET } from '../testing/fixtures';
import { CLUSTER_TEST_SERVER_OPTIONS } from '../testing/server-options';
import { freePort, untilListening } from '../../lib/testing/ports';
import { connectHeadlessClient, waitFor, type HeadlessClient } from '../testing/headless-client';
import { TEST_POSTGRES_URL } from '../../lib/storage/testing/engines';
import { createRedisFanout } from './redis-fanout';

/** A Redis of this test's own (Debian's redis-server), so it can be stopped without touching anyone else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await untilListening(port, 'redis-server');
  return child;
}

describe('an instance whose Redis goes away', () => {
  const schema = `test_${newId(10)}`;
  let pool: PgPool;
  let redis: ChildProcess;
  let redisPort: number;
  let server: CollabServer;
  let manuscriptId: string;
  const clients: HeadlessClient[] = [];

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    pool = await openPgPool(TEST_POSTGRES_URL, { schema });
    manuscriptId = newId();
    await pool.query('INSERT INTO manuscripts (id, title) VALUES ($1, $2)', [manuscriptId, 'Offline bus']);
    await pool.query('INSERT INTO document_updates (manuscript_id, bytes) VALUES ($1, $2)', [manuscriptId, Buffer.from(encodeNewManuscript())]);
    await pool.query("INSERT INTO users (id, email, name, color) VALUES ('ada', 'ada@example.test', 'Ada', '#225588')");
    await pool.query("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, 'ada', 'editor')", [manuscriptId]);
    server = await startCollabServer({
      ...CLUSTER_TEST_SERVER_OPTIONS,
      storage: createPgStorage(pool, { commitWindowMs: 5, offThread: false }),
      compactEveryUpdates: 1000,
      fanout: await createRedisFanout({ url: `redis://127.0.0.1:${redisPort}`, prefix: `test-${newId(6)}`, heartbeatEveryMs: 200 }),
      log: () => {},
    });
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.shutdown().catch(() => {});
    redis?.kill('SIGKILL');
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  const connect = async () => {
    const token = await signCollabToken(TEST_SECRET, { sub: 'ada', name: 'Ada', color: '#225588', mid: manuscriptId, role: 'editor' });
    const client = connectHeadlessClient(`ws://127.0.0.1:${server.port}`, manuscriptId, token);
    clients.push(client);
    return client;
  };
  const ready = async () => (await fetch(`http://127.0.0.1:${server.port}/readyz`)).status;

  it('reports not ready and refuses new writers, keeps storing for the open ones, and recovers when Redis returns', async () => {
    const ada = await connect();
    await waitFor(() => ada.saves.status === 'saved', 'Ada connected');
    expect(await ready()).toBe(200);

    redis.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while ((await ready()) !== 503) {
      if (Date.now() > deadline) throw new Error('never reported not ready');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // A newcomer is turned away with 1013 (try again later), which the client retries on its own.
    const late = await connect();
    const refused = await new Promise<number>((resolve) => late.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)));
    expect(refused).toBe(CloseCode.TryAgainLater);

    // The open socket keeps storing: acknowledged means in PostgreSQL, Redis or not.
    ada.type('Still saving. ');
    await waitFor(() => ada.saves.status === 'saved' && !ada.saves.hasUnstoredChanges(), 'Ada’s words acknowledged without Redis');

    redis = await startRedis(redisPort);
    await waitFor(() => late.saves.status === 'saved' && late.text() === 'Still saving. ', 'the newcomer gets in once Redis is back', 20_000);
    expect(await ready()).toBe(200);
  });
});
