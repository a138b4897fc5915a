import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../lib/collab/close-codes';
import { encodeSyncStep1 } from '../lib/collab/protocol';
import { replayUpdates } from '../lib/collab/replay';
import { appendUpdate, createManuscript, openDatabase, readUpdates, type Db } from '../lib/db';
import { encodeNewManuscript } from '../lib/manuscript/binder';
import { startCollabServer, type CollabServer } from './collab-server';
import { createSqlitePersistence } from './persistence/sqlite-persistence';
import { connectHeadlessClient, waitFor, type HeadlessClient } from './testing/headless-client';

const MAX_MESSAGE_BYTES = 64 * 1024;
let dir: string;
let db: Db;
let server: CollabServer;
let url: string;
const clients: HeadlessClient[] = [];
const logs: string[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-collab-'));
  db = openDatabase(`file:${path.join(dir, 'test.db')}`);
  server = await startCollabServer({
    host: '127.0.0.1',
    port: 0,
    persistence: createSqlitePersistence(db),
    maxMessageBytes: MAX_MESSAGE_BYTES,
    roomGraceMs: 50,
    pingIntervalMs: 60_000,
    compactEveryUpdates: 100,
    log: (line) => logs.push(line),
  });
  url = `ws://127.0.0.1:${server.port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.shutdown();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(id: string, name: string) {
  const client = connectHeadlessClient(url, id, name);
  clients.push(client);
  return client;
}

function rawSocket(room: string, query = '?name=Raw&color=%23112233'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/${room}${query}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

function storedText(id: string): string {
  const doc = new Y.Doc();
  replayUpdates(doc, readUpdates(db, id));
  return doc.getText('t').toString();
}

describe('collab server over real sockets', () => {
  it('three clients converge, and "saved" means the text is in the database', async () => {
    const { id } = createManuscript(db, { title: 'T', initialUpdate: encodeNewManuscript() });
    const [a, b, c] = [connect(id, 'Ada'), connect(id, 'Ben'), connect(id, 'Cy')];
    await waitFor(() => [a, b, c].every((x) => x.saves.status === 'saved'), 'all clients saved');
    a.type('Ada types. ');
    b.type('Ben types. ');
    c.type('Cy types.');
    await waitFor(() => a.text() === b.text() && b.text() === c.text() && a.text().length === 31, 'convergence').catch((e) => { console.log(JSON.stringify([a.text(), b.text(), c.text(), a.saves.status, b.provider.wsconnected])); throw e; });
    await waitFor(() => [a, b, c].every((x) => x.saves.status === 'saved'), 'all saved');
    expect(storedText(id)).toBe(a.text());
    expect(a.doc.getArray('binder').length).toBe(1);
  });

  it('shares awareness (who is here) between clients', async () => {
    const { id } = createManuscript(db, { title: 'T', initialUpdate: encodeNewManuscript() });
    const a = connect(id, 'Ada');
    const b = connect(id, 'Ben');
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(
      () => [...b.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Ada'),
      'Ben sees Ada',
    );
  });

  it('closes an oversized frame with 1009 and keeps serving the rest of the room', async () => {
    const { id } = createManuscript(db, { title: 'T', initialUpdate: encodeNewManuscript() });
    const a = connect(id, 'Ada');
    await waitFor(() => a.saves.status === 'saved', 'saved');
    const raw = await rawSocket(`manuscript.${id}`);
    const closed = closeCodeOf(raw);
    raw.send(new Uint8Array(MAX_MESSAGE_BYTES + 10));
    expect(await closed).toBe(CloseCode.MessageTooBig);
    a.type('unharmed');
    await waitFor(() => a.saves.status === 'saved' && storedText(id) === 'unharmed', 'a still saves');
  });

  it('closes a malformed frame with 4400 and leaves the document untouched', async () => {
    const { id } = createManuscript(db, { title: 'T', initialUpdate: encodeNewManuscript() });
    const before = readUpdates(db, id).length;
    const raw = await rawSocket(`manuscript.${id}`);
    const closed = closeCodeOf(raw);
    raw.send(new Uint8Array([0, 2, 5, 1, 2]));
    expect(await closed).toBe(CloseCode.InvalidMessage);
    expect(readUpdates(db, id)).toHaveLength(before);
  });

  it.each([
    ['an unknown manuscript', 'manuscript.nosuchmanuscript', CloseCode.NotFound],
    ['a path that is not a room', 'manuscript.%2e%2e%2fsecret', CloseCode.NotFound],
    ['a room name with a trailing slash', 'manuscript.abcdefgh/', CloseCode.NotFound],
  ])('refuses %s before sending any document bytes', async (_name, room, code) => {
    const raw = await rawSocket(room);
    const received: Buffer[] = [];
    raw.on('message', (data: Buffer) => received.push(data));
    expect(await closeCodeOf(raw)).toBe(code);
    expect(received).toHaveLength(0);
  });

  it('refuses a connection without a display name with 4401 and sends nothing', async () => {
    const { id } = createManuscript(db, { title: 'T', initialUpdate: encodeNewManuscript() });
    const raw = await rawSocket(`manuscript.${id}`, '');
    const received: Buffer[] = [];
    raw.on('message', (data: Buffer) => received.push(data));
    expect(await closeCodeOf(raw)).toBe(CloseCode.Unauthorized);
    expect(received).toHaveLength(0);
  });

  it('quarantines a manuscript with a corrupt stored row and keeps serving others', async () => {
    const broken = createManuscript(db, { title: 'Broken', initialUpdate: encodeNewManuscript() });
    appendUpdate(db, broken.id, new Uint8Array([1, 200, 3, 4, 5, 6]));
    const healthy = createManuscript(db, { title: 'Fine', initialUpdate: encodeNewManuscript() });
    const raw = await rawSocket(`manuscript.${broken.id}`);
    expect(await closeCodeOf(raw)).toBe(CloseCode.Quarantined);
    expect(logs.join('\n')).toContain(`manuscript ${broken.id} QUARANTINED`);
    const a = connect(healthy.id, 'Ada');
    a.type('fine');
    await waitFor(() => a.saves.status === 'saved' && storedText(healthy.id) === 'fine', 'healthy manuscript saves');
  });

  it('graceful shutdown closes connections with 1012 after storing everything', async () => {
    const { id } = createManuscript(db, { title: 'T', initialUpdate: encodeNewManuscript() });
    const raw = await rawSocket(`manuscript.${id}`);
    const closed = closeCodeOf(raw);
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'last words');
    const encoderFrame = (await import('../lib/collab/protocol')).encodeSyncUpdate(Y.encodeStateAsUpdate(writer));
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    raw.send(encoderFrame);
    await waitFor(() => storedText(id) === 'last words', 'stored');
    await server.shutdown();
    expect(await closed).toBe(CloseCode.ServiceRestart);
    expect(readUpdates(db, id)).toHaveLength(1);
    server = await startCollabServer({
      host: '127.0.0.1', port: 0, persistence: createSqlitePersistence(db), maxMessageBytes: MAX_MESSAGE_BYTES,
      roomGraceMs: 50, pingIntervalMs: 60_000, compactEveryUpdates: 100, log: () => {},
    });
  });
});
