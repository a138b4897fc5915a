import { describe, expect, it } from 'vitest';
import { encodeSyncUpdate } from '../../../lib/collab/protocol';
import { FakeSocket } from '../../testing/fake-socket';
import { edit, identity, testRoom, TEST_MANUSCRIPT } from '../../testing/test-room';

describe('checkpoints', () => {
  it('keeps an automatic checkpoint, naming who wrote, once the interval has passed', async () => {
    const { memory, room } = testRoom({ checkpointIntervalMs: 0 });
    const socket = new FakeSocket();
    room.join(socket, identity('editor'));
    room.receive(socket, encodeSyncUpdate(edit('words')));
    await room.flush();
    expect(memory.checkpoints('ms-test-1')).toEqual([expect.objectContaining({ name: 'Automatic checkpoint', changedBy: ['Ada'] })]);
  });

  it('keeps one when the room unloads only if anyone wrote since the last', async () => {
    const { memory, room } = testRoom();
    const socket = new FakeSocket();
    room.join(socket, identity('editor'));
    await room.flush();
    await room.beforeUnload();
    expect(memory.checkpoints(TEST_MANUSCRIPT)).toHaveLength(0);

    room.receive(socket, encodeSyncUpdate(edit('words')));
    await room.flush();
    expect(memory.checkpoints(TEST_MANUSCRIPT)).toHaveLength(0);
    await room.beforeUnload();
    expect(memory.checkpoints(TEST_MANUSCRIPT)).toEqual([expect.objectContaining({ name: 'Automatic checkpoint', changedBy: ['Ada'] })]);
    await room.beforeUnload();
    expect(memory.checkpoints(TEST_MANUSCRIPT)).toHaveLength(1);
  });
});
