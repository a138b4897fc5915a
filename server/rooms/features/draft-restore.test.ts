import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeServerMessage, encodeRestoreDraft, encodeSyncUpdate, type RestoreResult } from '../../../lib/collab/protocol';
import { FakeSocket } from '../../testing/fake-socket';
import { edit, identity, testRoom, TEST_MANUSCRIPT, type TestRoomOptions } from '../../testing/test-room';

function draftRoom(options: TestRoomOptions = {}) {
  const restored: { manuscriptId: string; actorId: string; draftName: string }[] = [];
  const world = testRoom({ onDraftRestored: (event) => restored.push(event), ...options });
  world.memory.addDraft(TEST_MANUSCRIPT, 'draft0001', 'Draft 1', Y.encodeStateAsUpdate(new Y.Doc()));
  return { ...world, restored };
}

const resultsTo = (socket: FakeSocket): RestoreResult[] =>
  socket.sent.filter((frame) => frame[0] === 103).map((frame) => {
    const message = decodeServerMessage(frame);
    if (message.type !== 'restore-result') throw new Error(`not a restore result: ${message.type}`);
    return message.result;
  });

describe('draft restore', () => {
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

  it.each([
    ['its code fails to load', { loadRestore: () => Promise.reject(new Error("Cannot find module '/srv/scriptorium/dist/collab/restore-3f9a.mjs'")) }],
    ['its draft cannot be read from storage', { storage: (memory) => ({ ...memory, drafts: { ...memory.drafts, get: () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) } }) }],
  ] satisfies [string, TestRoomOptions][])('a restore that fails on the server (%s) is logged as a server error and answered as a failed restore; the writer stays connected', async (_case, options) => {
    const { memory, room, logged, restored } = draftRoom(options);
    const writer = new FakeSocket();
    const coAuthor = new FakeSocket();
    room.join(writer, identity('owner'));
    room.join(coAuthor, identity('editor', { id: 'v', name: 'Ben' }));
    room.receive(writer, encodeRestoreDraft('draft0001'));
    await room.flush();

    expect(writer.closedWith).toBeNull();
    expect(resultsTo(writer)).toEqual([{ ok: false, message: expect.stringMatching(/problem on the server, so nothing was changed/) }]);
    expect(resultsTo(coAuthor)).toEqual([]);
    expect(logged.filter((entry) => entry.fields.level === 'error').map((entry) => entry.line)).toEqual([expect.stringMatching(/restoring draft draft0001 failed: .*(Cannot find module|disk I\/O error)/)]);
    expect(logged.some((entry) => entry.fields.code !== undefined)).toBe(false);
    expect(memory.checkpoints(TEST_MANUSCRIPT)).toHaveLength(0);
    expect(restored).toEqual([]);
    // The room carries on: the same writer's next change is stored and acknowledged.
    room.receive(writer, encodeSyncUpdate(edit('still writing')));
    await room.flush();
    expect(writer.storedAcks()).toHaveLength(1);
  });
});
