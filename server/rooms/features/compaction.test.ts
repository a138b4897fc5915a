import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '../../../lib/collab/protocol';
import { FakeSocket } from '../../testing/fake-socket';
import { edit, identity, testRoom, TEST_MANUSCRIPT } from '../../testing/test-room';

describe('compaction', () => {
  it('compacts the log after the configured number of updates', async () => {
    const { memory, room } = testRoom({ compactEveryUpdates: 3 });
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

  it('folds the log when the room unloads, once everything appended has committed', async () => {
    const { memory, room } = testRoom();
    const socket = new FakeSocket();
    room.join(socket, identity());
    room.receive(socket, encodeSyncUpdate(edit('one')));
    room.receive(socket, encodeSyncUpdate(edit('two')));
    await room.beforeUnload();
    expect(memory.rows(TEST_MANUSCRIPT)).toHaveLength(1);
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, memory.rows(TEST_MANUSCRIPT)[0]!.bytes);
    expect(replayed.getText('t').length).toBe('one'.length + 'two'.length);
  });
});
