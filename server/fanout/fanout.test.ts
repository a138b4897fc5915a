import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayUpdates } from '../../lib/collab/replay';
import { signCollabToken } from '../../lib/collab/token';
import { newId } from '../../lib/storage/secrets';
import { encodeNewManuscript } from '../../lib/manuscript/binder';
import { openPgPool, type PgPool } from '../../lib/storage/pg/connect';
import { MessageType } from '../../lib/collab/message-types';
import { encodeCommentOp, readCommentEvent, type CommentEvent } from '../../lib/comments/protocol';
import { createCommentServiceOn } from '../comments/comment-service';
import { createCollabMetrics } from '../metrics/metrics';
import { startCollabServer, type CollabServer } from '../collab-server';
import { createPgStorage } from '../../lib/storage/pg/storage';
import { TEST_SECRET } from '../testing/fixtures';
import { CLUSTER_TEST_SERVER_OPTIONS } from '../testing/server-options';
import { connectHeadlessClient, waitFor, type HeadlessClient } from '../testing/headless-client';
import { TEST_POSTGRES_URL } from '../../lib/storage/testing/engines';
import { decodeFanoutMessage, encodeFanoutMessage, type Fanout } from './fanout';
import { createRedisFanout } from './redis-fanout';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('fan-out messages', () => {
  it('round-trip and refuse malformed bytes', () => {
    const update = new Uint8Array([1, 2, 3]);
    expect(decodeFanoutMessage(encodeFanoutMessage('i1', { kind: 'update', update }, 1234.5))).toEqual({ from: 'i1', sentAt: 1234.5, message: { kind: 'update', update } });
    expect(() => decodeFanoutMessage(new Uint8Array([0xff]))).toThrow();
    expect(() => decodeFanoutMessage(Uint8Array.from([...encodeFanoutMessage('i1', { kind: 'broadcast', frame: update }), 7]))).toThrow();
  });
});

// Real PostgreSQL and Redis, as in production: two collab instances share the store and hear each other through Redis.
describe('two collab instances behind one store', () => {
  const schema = `test_${newId(10)}`;
  const prefix = `test-${newId(8)}`;
  let pool: PgPool;
  const servers: CollabServer[] = [];
  const fanouts: Fanout[] = [];
  const clients: HeadlessClient[] = [];
  let manuscriptId: string;
  const writers = [
    { id: 'adawriter1', name: 'Ada' },
    { id: 'benwriter1', name: 'Ben' },
  ];

  async function startInstance(): Promise<{ server: CollabServer; fanout: Fanout }> {
    const metrics = createCollabMetrics();
    const fanout = await createRedisFanout({ url: REDIS_URL, prefix, heartbeatTtlMs: 1_000, heartbeatEveryMs: 150, onTraffic: metrics.onFanout });
    // Each instance its own storage (and group committer) on the shared pool, as two processes would have.
    const storage = createPgStorage(pool, { commitWindowMs: 5, offThread: false });
    const server = await startCollabServer({
      ...CLUSTER_TEST_SERVER_OPTIONS,
      storage,
      compactEveryUpdates: 25,
      fanout,
      metrics,
      comments: createCommentServiceOn(storage.comments, { onActivity: () => {} }),
      log: () => {},
    });
    servers.push(server);
    fanouts.push(fanout);
    return { server, fanout };
  }

  async function join(server: CollabServer, writer: { id: string; name: string }): Promise<HeadlessClient> {
    const token = await signCollabToken(TEST_SECRET, { sub: writer.id, name: writer.name, color: '#225588', mid: manuscriptId, role: 'editor' });
    const client = connectHeadlessClient(`ws://127.0.0.1:${server.port}`, manuscriptId, token);
    clients.push(client);
    await waitFor(() => client.provider.synced, `${writer.name} synced`);
    return client;
  }

  async function storedText(): Promise<string> {
    const { rows } = await pool.query<{ seq: number; bytes: Buffer }>('SELECT seq, bytes FROM document_updates WHERE manuscript_id = $1 ORDER BY seq', [manuscriptId]);
    const doc = new Y.Doc();
    replayUpdates(doc, rows.map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes) })));
    return doc.getText('t').toString();
  }

  beforeAll(async () => {
    pool = await openPgPool(TEST_POSTGRES_URL, { schema });
    manuscriptId = newId();
    await pool.query('INSERT INTO manuscripts (id, title) VALUES ($1, $2)', [manuscriptId, 'Shared']);
    await pool.query('INSERT INTO document_updates (manuscript_id, bytes) VALUES ($1, $2)', [manuscriptId, Buffer.from(encodeNewManuscript())]);
    for (const writer of writers) {
      await pool.query('INSERT INTO users (id, email, name, color) VALUES ($1, $2, $3, $4)', [writer.id, `${writer.id}@example.test`, writer.name, '#225588']);
      await pool.query("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, $2, 'editor')", [manuscriptId, writer.id]);
    }
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const server of servers) await server.shutdown().catch(() => {});
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  it('writers on different instances see each other, and each update is stored once', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const ada = await join(first.server, writers[0]!);
    const ben = await join(second.server, writers[1]!);
    ada.type('Ada writes. ');
    ben.type('Ben writes. ');
    await waitFor(() => ada.text().length === 24 && ben.text() === ada.text(), 'both writers converge across instances');
    await waitFor(() => !ada.saves.hasUnstoredChanges() && !ben.saves.hasUnstoredChanges(), 'both acknowledged as stored');
    expect(await storedText()).toBe(ada.text());
    // 24 keystrokes, each stored by the instance that received it; a relayed update is never stored again.
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM document_updates WHERE manuscript_id = $1', [manuscriptId]);
    expect(rows[0]!.n).toBeLessThanOrEqual(1 + 24);
    // Operators see the traffic between instances and its lag.
    const metrics = await (await fetch(`http://127.0.0.1:${second.server.port}/metrics`)).text();
    expect(Number(/^collab_fanout_received_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/^collab_fanout_published_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/^collab_fanout_lag_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^collab_connections 1$/m);

    // Carets cross instances too, and go when their instance stops beating.
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(() => ben.provider.awareness.getStates().has(ada.doc.clientID), 'Ada’s caret reaches Ben');
    await first.fanout.close();
    await waitFor(() => !ben.provider.awareness.getStates().has(ada.doc.clientID), 'Ada’s caret gone once her instance is gone', 5_000);
  });

  it('a comment made on one instance is stored in PostgreSQL and reaches a writer on another', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const ada = await join(first.server, writers[0]!);
    const ben = await join(second.server, writers[1]!);
    const heard: CommentEvent[] = [];
    ben.provider.messageHandlers[MessageType.CommentEvent] = (_encoder, decoder) => {
      const event = readCommentEvent(decoder);
      if (event) heard.push(event);
    };
    ada.provider.ws!.send(encodeCommentOp({ op: 'create', requestId: 'r1', sceneId: 'scene1', anchor: { start: 'AAAA', end: 'BBBB' }, quote: 'the storm', body: 'Louder?', mentions: [] }));
    await waitFor(() => heard.some((event) => event.kind === 'threads' && !event.replace), 'Ben hears of Ada’s thread through Redis');
    const created = heard.find((event) => event.kind === 'threads' && !event.replace) as Extract<CommentEvent, { kind: 'threads' }>;
    expect(created.threads[0]).toMatchObject({ quote: 'the storm', messages: [{ authorName: 'Ada', body: 'Louder?' }] });
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM comment_threads WHERE manuscript_id = $1', [manuscriptId]);
    expect(rows[0]!.n).toBe(1);
  });

  it('a room loaded later shows the carets of writers already on other instances', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const ada = await join(first.server, writers[0]!);
    // As the editor does on load (a state at clock 0 is never sent on by y-protocols).
    ada.provider.awareness.setLocalStateField('cursor', null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ben = await join(second.server, writers[1]!);
    await waitFor(() => ben.provider.awareness.getStates().has(ada.doc.clientID), 'Ada’s caret reaches Ben without waiting for her next renewal', 3_000);
  });

  it('after the subscriber connection is cut, a room reloads what it missed from the store', async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const ada = await join(first.server, writers[0]!);
    const ben = await join(second.server, writers[1]!);
    await waitFor(() => ben.text() === ada.text(), 'joined in step');
    // Stored by a third party that never publishes: only a resync from the store can bring it.
    const writerDoc = new Y.Doc();
    Y.applyUpdate(writerDoc, Y.encodeStateAsUpdate(ada.doc));
    const before = Y.encodeStateVector(writerDoc);
    writerDoc.getText('t').insert(0, 'Stored elsewhere. ');
    await pool.query('INSERT INTO document_updates (manuscript_id, bytes) VALUES ($1, $2)', [manuscriptId, Buffer.from(Y.encodeStateAsUpdate(writerDoc, before))]);

    const admin = new Redis(REDIS_URL);
    const list = (await admin.client('LIST')) as string;
    const subscriber = list.split('\n').find((line) => line.includes(`name=${prefix}-${second.fanout.instanceId}-sub`));
    const address = /addr=(\S+)/.exec(subscriber ?? '')?.[1];
    expect(address).toBeTruthy();
    await admin.client('KILL', address!);
    admin.disconnect();
    await waitFor(() => ben.text().startsWith('Stored elsewhere. '), 'Ben’s instance resynced from the store after the gap');
    ada.type('And on.');
    await waitFor(() => ben.text().endsWith('And on.'), 'fan-out works again after the reconnect');
  });
});
