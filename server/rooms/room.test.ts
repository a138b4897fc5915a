import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../lib/collab/close-codes';
import { decodeServerMessage, encodeRestoreDraft, encodeSyncStep1, encodeSyncUpdate } from '../../lib/collab/protocol';
import type { Identity, Role } from '../auth/authenticate';
import { createMemoryPersistence } from '../persistence/memory-persistence';
import { FakeSocket } from '../testing/fake-socket';
import { roomFeatures } from './features';
import { Room } from './room';

const identity = (role: Role = 'editor'): Identity => ({ user: { id: 'u', name: 'Ada', color: '#aa3355' }, role });

function setup(compactEveryUpdates = 1000) {
  const memory = createMemoryPersistence();
  memory.create('ms-test-1');
  const log: string[] = [];
  const room = new Room('ms-test-1', memory.persistence, { features: roomFeatures({ compactEveryUpdates, checkpointIntervalMs: 3_600_000 }), log: (line) => log.push(line) });
  return { memory, room, log };
}

function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('Room', () => {
  it('greets a new connection with its role, then sync step 1', async () => {
    const { room } = setup();
    const socket = new FakeSocket();
    room.join(socket, identity());
    await room.flush();
    expect(socket.messageTypes()).toEqual([101, 0]);
  });

  it('relays an update at once, and acknowledges the sender only once it is stored', async () => {
    const { memory, room } = setup();
    const writer = new FakeSocket();
    const reader = new FakeSocket();
    room.join(writer, identity());
    room.join(reader, identity());
    await room.flush();
    const rowsWhenAcknowledged: number[] = [];
    const originalSend = writer.send.bind(writer);
    writer.send = (data) => {
      if (data[0] === 100) rowsWhenAcknowledged.push(memory.rows('ms-test-1').length);
      originalSend(data);
    };
    const relayedBefore = reader.sent.length;

    room.receive(writer, encodeSyncUpdate(edit('Call me Ishmael.')));
    expect(reader.sent.length).toBe(relayedBefore + 1);
    expect(writer.storedAcks()).toHaveLength(0);
    await room.flush();

    expect(memory.rows('ms-test-1')).toHaveLength(1);
    expect(rowsWhenAcknowledged).toEqual([1]);
    expect(writer.storedAcks()).toHaveLength(1);
    expect(writer.messageTypes().at(-1)).toBe(100);
    expect(room.doc.getText('t').toString()).toBe('Call me Ishmael.');
  });

  it('stores nothing for an update it already has, but still acknowledges it (one ack per batch)', async () => {
    const { memory, room } = setup();
    const socket = new FakeSocket();
    room.join(socket, identity());
    const update = edit('once');
    room.receive(socket, encodeSyncUpdate(update));
    room.receive(socket, encodeSyncUpdate(update));
    await room.flush();
    expect(memory.rows('ms-test-1')).toHaveLength(1);
    expect(socket.storedAcks()).toHaveLength(1);
    room.receive(socket, encodeSyncUpdate(update));
    await room.flush();
    expect(memory.rows('ms-test-1')).toHaveLength(1);
    expect(socket.storedAcks()).toHaveLength(2);
  });

  it('closes only the connection that sent a malformed frame', async () => {
    const { room } = setup();
    const bad = new FakeSocket();
    const good = new FakeSocket();
    room.join(bad, identity());
    room.join(good, identity());
    room.receive(bad, new Uint8Array([0, 2, 200, 1]));
    room.receive(good, encodeSyncUpdate(edit('still here')));
    await room.flush();
    expect(bad.closedWith?.code).toBe(CloseCode.InvalidMessage);
    expect(good.closedWith).toBeNull();
    expect(room.size).toBe(1);
    expect(room.doc.getText('t').toString()).toBe('still here');
  });

  it('closes a connection whose update bytes are garbage, storing nothing', async () => {
    const { memory, room } = setup();
    const socket = new FakeSocket();
    room.join(socket, identity());
    room.receive(socket, encodeSyncUpdate(new Uint8Array([9, 9, 9, 9, 9, 9])));
    await room.flush();
    expect(socket.closedWith?.code).toBe(CloseCode.InvalidMessage);
    expect(memory.rows('ms-test-1')).toHaveLength(0);
  });

  it('drops and disconnects a read-only connection that sends an update', async () => {
    const { memory, room } = setup();
    const viewer = new FakeSocket();
    room.join(viewer, identity('viewer'));
    room.receive(viewer, encodeSyncUpdate(edit('sneaky')));
    await room.flush();
    expect(viewer.closedWith?.code).toBe(CloseCode.Forbidden);
    expect(memory.rows('ms-test-1')).toHaveLength(0);
    expect(room.doc.getText('t').toString()).toBe('');
  });

  it('answers sync step 1 with the missing state and an acknowledgement', async () => {
    const { room } = setup();
    const writer = new FakeSocket();
    room.join(writer, identity());
    room.receive(writer, encodeSyncUpdate(edit('hello')));
    await room.flush();
    const late = new FakeSocket();
    room.join(late, identity());
    room.receive(late, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await room.flush();
    expect(late.messageTypes()).toEqual([101, 0, 0, 100]);
  });

  it('on a storage failure closes every connection with 4500 and never acknowledges', async () => {
    const { memory, room } = setup();
    const socket = new FakeSocket();
    let emptied = false;
    room.onEmpty = () => (emptied = true);
    room.join(socket, identity());
    await room.flush();
    memory.state.failAppends = true;
    room.receive(socket, encodeSyncUpdate(edit('lost?')));
    await room.flush();
    expect(socket.closedWith?.code).toBe(CloseCode.StorageFailure);
    expect(socket.storedAcks()).toHaveLength(0);
    expect(room.hasFailed).toBe(true);
    expect(emptied).toBe(true);
  });

  it('compacts the log after the configured number of updates', async () => {
    const { memory, room } = setup(3);
    const socket = new FakeSocket();
    room.join(socket, identity());
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    for (const char of 'abcd') writer.getText('t').insert(writer.getText('t').length, char);
    for (const update of updates) room.receive(socket, encodeSyncUpdate(update));
    await room.flush();
    // The fold reads what is stored when it runs: all four rows, appended before it started.
    expect(memory.rows('ms-test-1')).toHaveLength(1);
    const replayed = new Y.Doc();
    for (const row of memory.rows('ms-test-1')) Y.applyUpdate(replayed, row.bytes);
    expect(replayed.getText('t').toString()).toBe('abcd');
  });
});

describe('Room: drafts and checkpoints', () => {
  function draftRoom(checkpointIntervalMs = 3_600_000) {
    const memory = createMemoryPersistence();
    memory.create('ms-test-1');
    const restored: { manuscriptId: string; actorId: string; draftName: string }[] = [];
    const room = new Room('ms-test-1', memory.persistence, { features: roomFeatures({ compactEveryUpdates: 1000, checkpointIntervalMs, onDraftRestored: (event) => restored.push(event) }), log: () => {} });
    return { memory, room, restored };
  }

  it('restores a draft as one stored, broadcast change, keeping a checkpoint of the state before', async () => {
    const { memory, room, restored } = draftRoom();
    const writer = new FakeSocket();
    const reader = new FakeSocket();
    room.join(writer, identity('editor'));
    room.join(reader, identity('editor'));
    const draft = new Y.Doc();
    draft.getMap('binder');
    memory.addDraft('ms-test-1', 'draft0001', 'Draft 1', Y.encodeStateAsUpdate(draft));
    room.receive(writer, encodeSyncUpdate(edit('typed after the draft')));
    await room.flush();
    const rowsBefore = memory.rows('ms-test-1').length;

    room.receive(writer, encodeRestoreDraft('draft0001'));
    await room.flush();
    expect(memory.checkpoints('ms-test-1').map((c) => c.name)).toEqual(['Before restoring “Draft 1”']);
    // Co-authors hear of it through the inbox.
    expect(restored).toEqual([{ manuscriptId: 'ms-test-1', actorId: 'u', draftName: 'Draft 1' }]);
    const results = writer.sent.filter((frame) => frame[0] === 103);
    expect(results).toHaveLength(1);
    expect(reader.messageTypes().filter((type) => type === 0).length).toBeGreaterThan(0);
    // The co-author is told who restored which draft, and where the undo is.
    const told = reader.sent.filter((frame) => frame[0] === 103).map((frame) => decodeServerMessage(frame));
    expect(told).toEqual([{ type: 'restore-result', result: { ok: true, message: 'Ada restored “Draft 1” — Undo is in History.', restoredBy: 'Ada', draftName: 'Draft 1' } }]);
    expect(memory.rows('ms-test-1').length).toBeGreaterThanOrEqual(rowsBefore);
  });

  it('refuses a restore from a commenter, changing nothing', async () => {
    const { memory, room } = draftRoom();
    const commenter = new FakeSocket();
    room.join(commenter, identity('commenter'));
    memory.addDraft('ms-test-1', 'draft0001', 'Draft 1', Y.encodeStateAsUpdate(new Y.Doc()));
    room.receive(commenter, encodeRestoreDraft('draft0001'));
    await room.flush();
    const result = commenter.sent.find((frame) => frame[0] === 103)!;
    expect(new TextDecoder().decode(result)).toContain('Only editors and the owner');
    expect(memory.rows('ms-test-1')).toHaveLength(0);
    expect(memory.checkpoints('ms-test-1')).toHaveLength(0);
    expect(commenter.closedWith).toBeNull();
  });

  it('keeps an automatic checkpoint, naming who wrote, once the interval has passed', async () => {
    const { memory, room } = draftRoom(0);
    const socket = new FakeSocket();
    room.join(socket, identity('editor'));
    room.receive(socket, encodeSyncUpdate(edit('words')));
    await room.flush();
    expect(memory.checkpoints('ms-test-1')).toEqual([expect.objectContaining({ name: 'Automatic checkpoint', changedBy: ['Ada'] })]);
  });
});
