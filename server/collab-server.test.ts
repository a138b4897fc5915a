import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../lib/collab/close-codes';
import * as decoding from 'lib0/decoding';
import { encodeCommentOp, readCommentEvent, type CommentEvent, type CommentOpInput } from '../lib/comments/protocol';
import { MessageType } from '../lib/collab/message-types';
import { encodeSyncStep1, onServerMessage, encodeSyncUpdate, PROTOCOL_VERSION } from '../lib/collab/protocol';
import { signCollabToken } from '../lib/collab/token';
import { replayUpdates } from '../lib/collab/replay';
import { readScenes } from '../lib/manuscript/binder';
import { appendUpdate, openDatabase, readUpdates, removeMember, setMemberRole, type Db } from '../lib/storage/sqlite';
import { createSqliteStorage } from '../lib/storage/sqlite/storage';
import type { Storage } from '../lib/storage/storage';
import { startCollabServer, type CollabServer } from './collab-server';
import { createCommentService } from './comments/comment-service';
import { seedManuscript, seedWriter, TEST_SECRET, tokenFor } from './testing/fixtures';
import { connectHeadlessClient, waitFor, type HeadlessClient } from './testing/headless-client';
import { TEST_SERVER_OPTIONS } from './testing/server-options';

const MAX_MESSAGE_BYTES = 64 * 1024;
let dir: string;
let db: Db;
let storage: Storage;
let server: CollabServer;
let url: string;
const clients: HeadlessClient[] = [];
const logs: string[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-collab-'));
  db = openDatabase(`file:${path.join(dir, 'test.db')}`);
  storage = createSqliteStorage(db);
  server = await startCollabServer({
    ...TEST_SERVER_OPTIONS,
    storage,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    comments: createCommentService(storage),
    log: (line) => logs.push(line),
  });
  url = `ws://127.0.0.1:${server.port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.shutdown();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A signed-in writer joining manuscript `id` as a member with `role` (the owner when they own it). */
async function connect(id: string, name: string, role: 'editor' | 'commenter' | 'viewer' = 'editor') {
  const writer = ownerOf.get(id)?.name === name ? ownerOf.get(id)! : seedWriter(db, name);
  if (ownerOf.get(id) !== writer) db.$client.prepare('INSERT OR REPLACE INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, ?)').run(id, writer.id, role);
  const client = connectHeadlessClient(url, id, await tokenFor(db, writer, id));
  clients.push(client);
  return client;
}

const ownerOf = new Map<string, ReturnType<typeof seedWriter>>();
function newManuscript(title = 'T') {
  const owner = seedWriter(db, 'Owner');
  const manuscript = seedManuscript(db, owner, title);
  ownerOf.set(manuscript.id, owner);
  return manuscript;
}

async function ownerQuery(id: string): Promise<string> {
  return `?token=${await tokenFor(db, ownerOf.get(id)!, id)}`;
}

/** Opens a raw socket; `onMessage` is attached before the handshake, since the greeting follows it at once. */
function rawSocket(room: string, query = '', onMessage?: (data: Buffer) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const versioned = query.includes('v=') ? query : `${query}${query ? '&' : '?'}v=${PROTOCOL_VERSION}`;
    const ws = new WebSocket(`${url}/${room}${versioned}`);
    if (onMessage) ws.on('message', onMessage);
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

/** A raw socket that collects the comment events (type 105) it receives. */
async function commentSocket(id: string, token: string) {
  const events: CommentEvent[] = [];
  const ws = await rawSocket(`manuscript.${id}`, `?token=${token}`, (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) === MessageType.CommentEvent) {
      const event = readCommentEvent(decoder);
      if (event) events.push(event);
    }
  });
  const send = (op: CommentOpInput) => ws.send(encodeCommentOp(op));
  const outcome = async (requestId: string) => {
    await waitFor(() => events.some((e) => (e.kind === 'done' || e.kind === 'refused') && e.requestId === requestId), `outcome of ${requestId}`);
    return events.find((e) => (e.kind === 'done' || e.kind === 'refused') && e.requestId === requestId)!;
  };
  return { ws, events, send, outcome };
}

describe('collab server over real sockets', () => {
  it('three clients converge, and "saved" means the text is in the database', async () => {
    const { id } = newManuscript();
    const [a, b, c] = [await connect(id, 'Ada'), await connect(id, 'Ben'), await connect(id, 'Cy')];
    await waitFor(() => [a, b, c].every((x) => x.saves.status === 'saved'), 'all clients saved');
    a.type('Ada types. ');
    b.type('Ben types. ');
    c.type('Cy types.');
    await waitFor(() => a.text() === b.text() && b.text() === c.text() && a.text().length === 31, 'convergence').catch((e) => { console.log(JSON.stringify([a.text(), b.text(), c.text(), a.saves.status, b.provider.wsconnected])); throw e; });
    await waitFor(() => [a, b, c].every((x) => x.saves.status === 'saved'), 'all saved');
    expect(storedText(id)).toBe(a.text());
    expect(readScenes(a.doc)).toHaveLength(1);
  });

  it('shares awareness (who is here) between clients', async () => {
    const { id } = newManuscript();
    const a = await connect(id, 'Ada');
    const b = await connect(id, 'Ben');
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(
      () => [...b.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Ada'),
      'Ben sees Ada',
    );
  });

  it('closes an oversized frame with 1009 and keeps serving the rest of the room', async () => {
    const { id } = newManuscript();
    const a = await connect(id, 'Ada');
    await waitFor(() => a.saves.status === 'saved', 'saved');
    const raw = await rawSocket(`manuscript.${id}`, await ownerQuery(id));
    const closed = closeCodeOf(raw);
    raw.send(new Uint8Array(MAX_MESSAGE_BYTES + 10));
    expect(await closed).toBe(CloseCode.MessageTooBig);
    a.type('unharmed');
    await waitFor(() => a.saves.status === 'saved' && storedText(id) === 'unharmed', 'a still saves');
  });

  it('closes a malformed frame with 4400 and leaves the document untouched', async () => {
    const { id } = newManuscript();
    const before = readUpdates(db, id).length;
    const raw = await rawSocket(`manuscript.${id}`, await ownerQuery(id));
    const closed = closeCodeOf(raw);
    raw.send(new Uint8Array([0, 2, 5, 1, 2]));
    expect(await closed).toBe(CloseCode.InvalidMessage);
    expect(readUpdates(db, id)).toHaveLength(before);
  });

  /** Opens a raw socket and reports its close code and whether any frame arrived before it. */
  async function refusal(room: string, query: string) {
    const raw = await rawSocket(room, query);
    const received: Buffer[] = [];
    raw.on('message', (data: Buffer) => received.push(data));
    return { code: await closeCodeOf(raw), frames: received.length };
  }

  it('refuses, before sending a single document byte: no token, a forged or expired token, a stranger, path variants', async () => {
    const { id } = newManuscript();
    const owner = ownerOf.get(id)!;
    const stranger = seedWriter(db, 'Stranger');
    const strangersOwn = seedManuscript(db, stranger);
    const ownerToken = await tokenFor(db, owner, id);
    const forged = await signCollabToken('another-secret-another-secret-0000', { sub: owner.id, name: 'O', color: '#112233', mid: id, role: 'owner' });
    const expired = await signCollabToken(TEST_SECRET, { sub: owner.id, name: 'O', color: '#112233', mid: id, role: 'owner' }, -10);
    const strangerOwnToken = await tokenFor(db, stranger, strangersOwn.id);
    const strangerForged = await signCollabToken(TEST_SECRET, { sub: stranger.id, name: 'S', color: '#112233', mid: id, role: 'owner' });

    const cases: [string, string, string, number][] = [
      ['no token', `manuscript.${id}`, '', CloseCode.Unauthorized],
      ['a token signed with another secret', `manuscript.${id}`, `?token=${forged}`, CloseCode.Unauthorized],
      ['an expired token', `manuscript.${id}`, `?token=${expired}`, CloseCode.Unauthorized],
      ['garbage for a token', `manuscript.${id}`, '?token=abc.def.ghi', CloseCode.Unauthorized],
      ["a stranger's token for their own manuscript", `manuscript.${id}`, `?token=${strangerOwnToken}`, CloseCode.Forbidden],
      ['a validly signed token for a non-member', `manuscript.${id}`, `?token=${strangerForged}`, CloseCode.Forbidden],
      ['an unknown manuscript, exactly like a forbidden one', 'manuscript.nosuchmanuscript', `?token=${ownerToken}`, CloseCode.Forbidden],
      ['an upper-cased room', `manuscript.${id.toUpperCase()}`, `?token=${ownerToken}`, CloseCode.NotFound],
      ['a trailing slash', `manuscript.${id}/`, `?token=${ownerToken}`, CloseCode.NotFound],
      ['an encoded dot', `manuscript%2e${id}`, `?token=${ownerToken}`, CloseCode.NotFound],
      ['an encoded slash', `manuscript.${id}%2f..`, `?token=${ownerToken}`, CloseCode.NotFound],
    ];
    for (const [what, room, query, code] of cases) {
      expect({ what, ...(await refusal(room, query)) }).toEqual({ what, code, frames: 0 });
    }
  });

  it("drops a viewer's 1,000 hand-built updates, closes the connection, and changes nothing", async () => {
    const { id } = newManuscript();
    const editor = await connect(id, 'Ada');
    editor.type('Original text.');
    await waitFor(() => editor.saves.status === 'saved', 'editor saved');
    const rowsBefore = readUpdates(db, id).map((row) => Buffer.from(row.bytes).toString('hex'));
    const viewer = seedWriter(db, 'Vic');
    db.$client.prepare("INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, 'viewer')").run(id, viewer.id);
    const raw = await rawSocket(`manuscript.${id}`, `?token=${await tokenFor(db, viewer, id)}`);
    const closed = closeCodeOf(raw);
    const attacker = new Y.Doc();
    for (let i = 0; i < 1000; i++) {
      attacker.getText('t').insert(0, 'X');
      if (raw.readyState === raw.OPEN) raw.send(encodeSyncUpdate(Y.encodeStateAsUpdate(attacker)));
    }
    expect(await closed).toBe(CloseCode.Forbidden);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readUpdates(db, id).map((row) => Buffer.from(row.bytes).toString('hex'))).toEqual(rowsBefore);
    expect(editor.text()).toBe('Original text.');
    expect(storedText(id)).toBe('Original text.');
  });

  it('role changes reach an open connection, and a removed member is disconnected', async () => {
    const { id } = newManuscript();
    const ben = await connect(id, 'Ben', 'viewer');
    const roles: string[] = [];
    onServerMessage(ben.provider as unknown as Parameters<typeof onServerMessage>[0], MessageType.Role, 'role', ({ role }) => roles.push(role));
    await waitFor(() => ben.provider.synced, 'viewer synced');
    const benId = db.$client.prepare("SELECT user_id FROM memberships WHERE manuscript_id = ? AND role = 'viewer'").get(id) as { user_id: string };
    setMemberRole(db, id, benId.user_id, 'editor');
    await waitFor(() => roles.at(-1) === 'editor', 'upgrade reaches the connection');
    ben.type('Now I may write.');
    await waitFor(() => storedText(id) === 'Now I may write.', 'stored after upgrade');

    const closed = new Promise<number>((resolve) => ben.provider.once('closed', ({ code }: { code: number }) => resolve(code)));
    removeMember(db, id, benId.user_id);
    expect(await closed).toBe(CloseCode.Forbidden);
  });

  it("stamps awareness with the authenticated user's name, so nobody can appear as someone else", async () => {
    const { id } = newManuscript();
    const mallory = await connect(id, 'Mallory');
    const ada = await connect(id, 'Ada');
    mallory.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#000000' });
    await waitFor(() => ada.provider.awareness.getStates().has(mallory.doc.clientID), 'awareness arrives');
    await waitFor(() => ada.provider.awareness.getStates().get(mallory.doc.clientID)?.user?.name === 'Mallory', 'stamped name');
  });

  it('quarantines a manuscript with a corrupt stored row and keeps serving others', async () => {
    const broken = newManuscript('Broken');
    appendUpdate(db, broken.id, new Uint8Array([1, 200, 3, 4, 5, 6]));
    const healthy = newManuscript('Fine');
    const raw = await rawSocket(`manuscript.${broken.id}`, await ownerQuery(broken.id));
    expect(await closeCodeOf(raw)).toBe(CloseCode.Quarantined);
    expect(logs.join('\n')).toContain(`manuscript ${broken.id} QUARANTINED`);
    const a = await connect(healthy.id, 'Ada');
    a.type('fine');
    await waitFor(() => a.saves.status === 'saved' && storedText(healthy.id) === 'fine', 'healthy manuscript saves');
  });

  it('graceful shutdown closes connections with 1012 after storing everything', async () => {
    const { id } = newManuscript();
    const raw = await rawSocket(`manuscript.${id}`, await ownerQuery(id));
    const closed = closeCodeOf(raw);
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'last words');
    const encoderFrame = encodeSyncUpdate(Y.encodeStateAsUpdate(writer));
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    raw.send(encoderFrame);
    await waitFor(() => storedText(id) === 'last words', 'stored');
    await server.shutdown();
    expect(await closed).toBe(CloseCode.ServiceRestart);
    expect(readUpdates(db, id)).toHaveLength(1);
    server = await startCollabServer({
      ...TEST_SERVER_OPTIONS, storage, maxMessageBytes: MAX_MESSAGE_BYTES, log: () => {},
    });
  });

  it("comments: a commenter's attempts to edit or delete another writer's message, or to resolve, are refused and change nothing", async () => {
    const { id } = newManuscript();
    const owner = ownerOf.get(id)!;
    const commenter = seedWriter(db, 'Cora');
    db.$client.prepare("INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, 'commenter')").run(id, commenter.id);
    const ada = await commentSocket(id, await tokenFor(db, owner, id));
    const cora = await commentSocket(id, await tokenFor(db, commenter, id));
    const anchor = { start: 'AAAA', end: 'AAAA' };
    // Both are in the room (each has had the initial list) before anything is said.
    await waitFor(() => [ada, cora].every((s) => s.events.some((e) => e.kind === 'threads' && e.replace)), 'both joined');
    ada.send({ op: 'create', requestId: 'c1', sceneId: 'scene0001', anchor, quote: 'the lamp', body: 'Is this the right lamp?', mentions: [commenter.id] });
    expect(await ada.outcome('c1')).toEqual({ kind: 'done', requestId: 'c1' });
    await waitFor(() => cora.events.some((e) => e.kind === 'threads' && e.threads.length === 1 && !e.replace), 'cora sees the thread live');
    const threadRow = db.$client.prepare('SELECT id FROM comment_threads').get() as { id: string };
    const messageRow = db.$client.prepare('SELECT id, body FROM comment_messages').get() as { id: string; body: string };
    const before = JSON.stringify(db.$client.prepare('SELECT * FROM comment_messages').all()) + JSON.stringify(db.$client.prepare('SELECT * FROM comment_threads').all());

    cora.send({ op: 'edit', requestId: 'e1', messageId: messageRow.id, body: 'Hijacked', mentions: [] });
    cora.send({ op: 'delete-message', requestId: 'd1', messageId: messageRow.id });
    cora.send({ op: 'resolve', requestId: 'r1', threadId: threadRow.id, resolved: true });
    cora.send({ op: 'delete-thread', requestId: 't1', threadId: threadRow.id });
    for (const requestId of ['e1', 'd1', 'r1', 't1']) expect((await cora.outcome(requestId)).kind).toBe('refused');
    const after = JSON.stringify(db.$client.prepare('SELECT * FROM comment_messages').all()) + JSON.stringify(db.$client.prepare('SELECT * FROM comment_threads').all());
    expect(after).toBe(before);

    // She may reply, and the mention she received is stored.
    cora.send({ op: 'reply', requestId: 'p1', threadId: threadRow.id, body: 'Yes, the north one.', mentions: [owner.id, 'notamember1'] });
    expect(await cora.outcome('p1')).toEqual({ kind: 'done', requestId: 'p1' });
    const mentions = db.$client.prepare('SELECT mentions FROM comment_messages ORDER BY created_at').all() as { mentions: string }[];
    expect(mentions.map((m) => JSON.parse(m.mentions))).toEqual([[commenter.id], [owner.id]]);

    // A viewer can read threads but not write one.
    const vic = seedWriter(db, 'Vic');
    db.$client.prepare("INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, 'viewer')").run(id, vic.id);
    const viewer = await commentSocket(id, await tokenFor(db, vic, id));
    await waitFor(() => viewer.events.some((e) => e.kind === 'threads' && e.replace && e.threads.length === 1), 'viewer gets the threads');
    viewer.send({ op: 'create', requestId: 'v1', sceneId: 'scene0001', anchor, quote: 'x', body: 'Sneaky', mentions: [] });
    expect((await viewer.outcome('v1')).kind).toBe('refused');
    expect((db.$client.prepare('SELECT count(*) AS n FROM comment_threads').get() as { n: number }).n).toBe(1);
    for (const socket of [ada, cora, viewer]) socket.ws.close();
  });
});
