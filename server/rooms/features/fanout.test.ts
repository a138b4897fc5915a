import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeServerMessage, encodeSyncUpdate } from '../../../lib/collab/protocol';
import { FakeSocket } from '../../testing/fake-socket';
import { edit, identity, testRoom, TEST_MANUSCRIPT } from '../../testing/test-room';

const syncUpdatesTo = (socket: FakeSocket) => socket.sent.map((frame) => decodeServerMessage(frame)).filter((message) => message.type === 'sync-update');

describe('fan-out', () => {
  it('publishes an update to the other instances only once it is stored', async () => {
    const { room, published } = testRoom({ clustered: true });
    const socket = new FakeSocket();
    room.join(socket, identity());
    room.receive(socket, encodeSyncUpdate(edit('words')));
    expect(published.filter((message) => message.kind === 'update')).toHaveLength(0);
    await room.flush();
    expect(published.filter((message) => message.kind === 'update')).toHaveLength(1);
  });

  it('applies and relays what another instance stored, without storing or publishing it again', async () => {
    const { memory, room, published } = testRoom({ clustered: true });
    const socket = new FakeSocket();
    room.join(socket, identity());
    const update = edit('from elsewhere');
    room.applyRemote({ kind: 'update', update }, 'instance-b');
    await room.flush();
    expect(room.doc.getText('t').toString()).toBe('from elsewhere');
    expect(syncUpdatesTo(socket)).toHaveLength(1);
    expect(memory.rows(TEST_MANUSCRIPT)).toHaveLength(0);
    expect(published).toEqual([]);
    // The same again changes nothing and relays nothing.
    room.applyRemote({ kind: 'update', update }, 'instance-b');
    expect(syncUpdatesTo(socket)).toHaveLength(1);
  });

  it('relays another instance’s room-wide frame to every socket here', () => {
    const { room } = testRoom({ clustered: true });
    const socket = new FakeSocket();
    room.join(socket, identity());
    const frame = new Uint8Array([105, 2, 123, 125]);
    room.applyRemote({ kind: 'broadcast', frame }, 'instance-b');
    expect(socket.sent.at(-1)).toEqual(frame);
  });

  it('after a gap, relays only the stored rows the room had missed, merged per row, and skips a row that does not apply', () => {
    const { room, logged } = testRoom({ clustered: true });
    const socket = new FakeSocket();
    room.join(socket, identity());
    const held = edit('held');
    room.applyRemote({ kind: 'update', update: held }, 'instance-b');
    const missed = edit('missed');
    room.applyRemote({ kind: 'resync', rows: [{ bytes: held }, { bytes: new Uint8Array([1, 2, 3]) }, { bytes: missed }] }, 'store');
    expect(syncUpdatesTo(socket)).toHaveLength(2);
    expect(room.doc.getText('t').toString()).toContain('missed');
    expect(logged.map((entry) => entry.line)).toEqual([expect.stringMatching(/resync skipped a row/)]);
  });

  it('a single instance has no fan-out feature: nothing is published', async () => {
    const { room, published } = testRoom();
    const socket = new FakeSocket();
    room.join(socket, identity());
    room.receive(socket, encodeSyncUpdate(edit('words')));
    await room.flush();
    expect(published).toEqual([]);
    expect(Y.encodeStateVector(room.doc).length).toBeGreaterThan(1);
  });
});
