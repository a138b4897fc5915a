import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../lib/collab/message-types';
import { applyCommentEvent, encodeCommentOp, readCommentEvent, type CommentEvent, type CommentOpInput } from '../../lib/comments/protocol';
import { addMessage, listThreads, openDatabase, type Db } from '../../lib/storage/sqlite';
import type { Identity } from '../auth/authenticate';
import { createMemoryStorage } from '../../lib/storage/memory/storage';
import { roomFeatures } from '../rooms/features';
import { Room } from '../rooms/room';
import { FakeSocket } from '../testing/fake-socket';
import { seedManuscript, seedWriter } from '../testing/fixtures';
import { createCommentService, type CommentActivity } from './comment-service';
import { createSqliteStorage } from '../../lib/storage/sqlite/storage';


let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-comments-'));
  db = openDatabase(`file:${path.join(dir, 'test.db')}`);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const anchor = { start: 'AAAA', end: 'AAAA' };

/** A manuscript's room with the real comment service, and two writers in it. */
async function roomWithTwo() {
  const owner = seedWriter(db, 'Ada');
  const ben = seedWriter(db, 'Ben');
  const { id } = seedManuscript(db, owner);
  db.$client.prepare("INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, 'commenter')").run(id, ben.id);
  const activity: CommentActivity[] = [];
  const comments = createCommentService(createSqliteStorage(db), { onActivity: (event) => activity.push(event) });
  const memory = createMemoryStorage();
  memory.create(id);
  const room = new Room(id, memory.storage, { features: roomFeatures({ compactEveryUpdates: 1000, checkpointIntervalMs: 3_600_000, comments }), log: () => {} });
  const ada = new FakeSocket();
  const benSocket = new FakeSocket();
  const adaIdentity: Identity = { user: { id: owner.id, name: owner.name, color: owner.color }, role: 'owner' };
  const benIdentity: Identity = { user: { id: ben.id, name: ben.name, color: ben.color }, role: 'commenter' };
  room.join(ada, adaIdentity);
  room.join(benSocket, benIdentity);
  await room.flush();
  const send = async (socket: FakeSocket, op: CommentOpInput) => {
    ada.sent.length = 0;
    benSocket.sent.length = 0;
    room.receive(socket, encodeCommentOp(op));
    await room.flush();
  };
  return { id, owner, ben, room, ada, benSocket, send, activity, comments };
}

const commentFrames = (socket: FakeSocket) => socket.sent.filter((frame) => frame[0] === MessageType.CommentEvent);
const eventsOf = (socket: FakeSocket): CommentEvent[] =>
  commentFrames(socket).map((frame) => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    return readCommentEvent(decoder)!;
  });

describe('comment service in a room', () => {
  it('sends one message, not the whole thread, when someone replies to a 10,000-reply thread', async () => {
    const world = await roomWithTwo();
    await world.send(world.ada, { op: 'create', requestId: 'c1', sceneId: 'scene0001', anchor, quote: 'the lamp', body: 'Too long?', mentions: [] });
    const threadId = listThreads(db, world.id)[0]!.id;
    const body = 'A considered reply about the lamp, long enough to be a real sentence or two. '.repeat(3);
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) addMessage(db, { threadId, authorId: world.owner.id, body, mentions: [] });
    });
    const wholeThread = JSON.stringify(listThreads(db, world.id, [threadId])).length;

    await world.send(world.benSocket, { op: 'reply', requestId: 'r1', threadId, body: 'The north one, I think.', mentions: [] });

    const toAda = commentFrames(world.ada);
    expect(toAda).toHaveLength(1);
    expect(toAda[0]!.byteLength).toBeLessThan(16 * 1024);
    expect(wholeThread).toBeGreaterThan(2_000_000);
    const [event] = eventsOf(world.ada);
    expect(event).toMatchObject({ kind: 'message', threadId, message: { body: 'The north one, I think.', authorName: 'Ben' } });
    // Ben hears his outcome and the same one message.
    expect(eventsOf(world.benSocket).map((e) => e.kind).sort()).toEqual(['done', 'message']);
  });

  it('keeps clients in step with small events: edit, resolve, reopen, delete', async () => {
    const world = await roomWithTwo();
    let seen: ReturnType<typeof listThreads> = [];
    const follow = () => eventsOf(world.ada).forEach((event) => (seen = applyCommentEvent(seen, event)));
    await world.send(world.ada, { op: 'create', requestId: 'c1', sceneId: 'scene0001', anchor, quote: 'the lamp', body: 'Too long?', mentions: [world.ben.id] });
    follow();
    const threadId = seen[0]!.id;
    await world.send(world.benSocket, { op: 'reply', requestId: 'r1', threadId, body: 'No.', mentions: [] });
    follow();
    const replyId = seen[0]!.messages[1]!.id;
    await world.send(world.benSocket, { op: 'edit', requestId: 'e1', messageId: replyId, body: 'No, it is right.', mentions: [] });
    follow();
    await world.send(world.ada, { op: 'resolve', requestId: 'v1', threadId, resolved: true });
    follow();
    expect(seen).toEqual(listThreads(db, world.id));
    expect(seen[0]!.resolvedByName).toBe('Ada');
    await world.send(world.ada, { op: 'resolve', requestId: 'v2', threadId, resolved: false });
    follow();
    await world.send(world.benSocket, { op: 'delete-message', requestId: 'd1', messageId: replyId });
    follow();
    expect(seen).toEqual(listThreads(db, world.id));
    expect(world.activity.map((a) => a.kind)).toEqual(['thread-created', 'replied', 'edited', 'resolved', 'reopened']);
  });

  it('stores the first re-anchoring of an anchor and ignores a later one computed from the same old anchor', async () => {
    const world = await roomWithTwo();
    await world.send(world.ada, { op: 'create', requestId: 'c1', sceneId: 'scene0001', anchor, quote: 'the lamp', body: 'Hm', mentions: [] });
    const threadId = listThreads(db, world.id)[0]!.id;
    const moved = { op: 'reanchor' as const, threadId, previous: anchor, quote: 'the lamp', context: { prefix: 'lit ', suffix: ' again' } };
    await world.send(world.benSocket, { ...moved, requestId: 'm1', anchor: { start: 'BBBB', end: 'CCCC' } });
    expect(eventsOf(world.ada)).toEqual([{ kind: 'anchor', threadId, anchor: { start: 'BBBB', end: 'CCCC' }, quote: 'the lamp', context: { prefix: 'lit ', suffix: ' again' } }]);
    await world.send(world.ada, { ...moved, requestId: 'm2', anchor: { start: 'DDDD', end: 'EEEE' } });
    expect(eventsOf(world.ada)).toEqual([{ kind: 'done', requestId: 'm2' }]);
    expect(listThreads(db, world.id)[0]!.anchor).toEqual({ start: 'BBBB', end: 'CCCC' });
  });

  it('imports an editor’s threads for the owner, guests by name and members as themselves, and refuses a commenter', async () => {
    const world = await roomWithTwo();
    const thread = {
      sceneId: 'scene0001',
      anchor,
      quote: 'the harbour',
      context: { prefix: '', suffix: '' },
      resolved: false,
      messages: [
        { author: { name: 'Maria Rossi' }, body: 'Which harbour?', createdAt: Date.parse('2026-11-20T11:00:00Z') },
        { author: { userId: world.ben.id, name: 'Ben' }, body: 'Port Ellen.', createdAt: Date.parse('2026-11-21T09:00:00Z') },
        // Claims a user id that is not a member: kept, as a guest under the file's name.
        { author: { userId: 'stranger1', name: 'Someone' }, body: 'Agreed.', createdAt: Date.parse('2026-11-22T09:00:00Z') },
      ],
    };
    await world.send(world.benSocket, { op: 'import', requestId: 'i0', threads: [thread] });
    expect(eventsOf(world.benSocket)).toEqual([{ kind: 'refused', requestId: 'i0', message: 'Only editors and the owner can import an editor’s comments.' }]);
    await world.send(world.ada, { op: 'import', requestId: 'i1', threads: [thread, { ...thread, resolved: true, messages: thread.messages.slice(0, 1) }] });
    const stored = listThreads(db, world.id).find((each) => each.resolvedAt === null);
    const resolved = listThreads(db, world.id).find((each) => each.resolvedAt !== null);
    expect(stored!.messages.map((m) => [m.authorId, m.authorName, m.guest ?? false, m.body])).toEqual([
      [null, 'Maria Rossi', true, 'Which harbour?'],
      [world.ben.id, 'Ben', false, 'Port Ellen.'],
      [null, 'Someone', true, 'Agreed.'],
    ]);
    expect(resolved!.resolvedAt).not.toBeNull();
    // Everyone in the room sees the threads at once, in one event.
    expect(eventsOf(world.benSocket)).toEqual([{ kind: 'threads', threads: listThreads(db, world.id) }]);
    expect(world.activity).toEqual([]);
  });

  it('adds an editor’s replies under a thread the manuscript has, and nowhere else: not under another manuscript’s thread', async () => {
    const world = await roomWithTwo();
    await world.send(world.benSocket, { op: 'create', requestId: 'c1', sceneId: 'scene0001', anchor, quote: 'the harbour', body: 'Which harbour?', mentions: [] });
    const threadId = listThreads(db, world.id)[0]!.id;
    const elsewhere = seedManuscript(db, world.owner);
    db.$client.prepare("INSERT INTO comment_threads (id, manuscript_id, scene_id, anchor_start, anchor_end, quote, created_by) VALUES ('otherthread1', ?, 'scene0001', 'AAAA', 'AAAA', 'x', ?)").run(elsewhere.id, world.owner.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Answered in Word after Ben asked.
    const answer = { author: { name: 'Maria Rossi' }, body: 'Port Ellen.', createdAt: Date.now() };
    await world.send(world.benSocket, { op: 'import', requestId: 'r0', replies: [{ threadId, messages: [answer] }] });
    expect(eventsOf(world.benSocket)).toEqual([{ kind: 'refused', requestId: 'r0', message: 'Only editors and the owner can import an editor’s comments.' }]);
    await world.send(world.ada, { op: 'import', requestId: 'r1', replies: [{ threadId, messages: [answer] }, { threadId: 'otherthread1', messages: [answer] }] });
    expect(listThreads(db, world.id)[0]!.messages.map((m) => [m.authorName, m.guest ?? false, m.body])).toEqual([
      ['Ben', false, 'Which harbour?'],
      ['Maria Rossi', true, 'Port Ellen.'],
    ]);
    expect(listThreads(db, elsewhere.id)[0]!.messages).toEqual([]);
    // The room sees the thread with its new reply; the other manuscript's thread never travels.
    expect(eventsOf(world.benSocket)).toEqual([{ kind: 'threads', threads: listThreads(db, world.id) }]);
  });
});
