import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../lib/collab/close-codes';
import { encodeSyncStep1, encodeSyncUpdate } from '../../lib/collab/protocol';
import { FakeSocket } from '../testing/fake-socket';
import { edit, identity, testRoom } from '../testing/test-room';

const setup = () => testRoom();

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
});
