import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness } from '../../../lib/collab/protocol';
import { FakeSocket } from '../../testing/fake-socket';
import { identity, testRoom } from '../../testing/test-room';

/** A client's awareness (its own doc's client id) with `state`, as the update it would send. */
function presence(state: Record<string, unknown>) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  return { clientId: doc.clientID, awareness, update: () => encodeAwarenessUpdate(awareness, [doc.clientID]) };
}

const userOf = (room: ReturnType<typeof testRoom>['room'], clientId: number) => (room.awareness.getStates().get(clientId) as { user?: { name: string } } | undefined)?.user;

describe('awareness', () => {
  it('stamps states with who the connection is, relays them, and tells the other instances', async () => {
    const { room, published } = testRoom({ clustered: true });
    const ada = new FakeSocket();
    const ben = new FakeSocket();
    room.join(ada, identity('editor'));
    room.join(ben, identity('editor', { id: 'b', name: 'Ben' }));
    const caret = presence({ cursor: 3, user: { name: 'Somebody Else' } });
    room.receive(ada, encodeAwareness(caret.update()));
    expect(userOf(room, caret.clientId)?.name).toBe('Ada');
    expect(ben.messageTypes().at(-1)).toBe(1);
    expect(published.map((message) => message.kind)).toContain('awareness');

    // Ben cannot speak for Ada's client id.
    room.receive(ben, encodeAwareness(caret.update()));
    expect(userOf(room, caret.clientId)?.name).toBe('Ada');
    expect(ben.closedWith).toBeNull();
  });

  it('removes a connection’s states when it leaves, and a new connection is sent those present', async () => {
    const { room } = testRoom();
    const ada = new FakeSocket();
    const ben = new FakeSocket();
    room.join(ada, identity('editor'));
    const caret = presence({ cursor: 1 });
    room.receive(ada, encodeAwareness(caret.update()));
    room.join(ben, identity('editor', { id: 'b', name: 'Ben' }));
    expect(ben.messageTypes()).toEqual([101, 0, 1]);
    room.leave(ada);
    expect(room.awareness.getStates().has(caret.clientId)).toBe(false);
    expect(ben.messageTypes().at(-1)).toBe(1);
  });

  it('tracks what each other instance announced, without publishing it back, and drops it when that instance dies', () => {
    const { room, published } = testRoom({ clustered: true });
    const caret = presence({ cursor: 7, user: { name: 'Cleo' } });
    room.applyRemote({ kind: 'awareness', update: caret.update() }, 'instance-b');
    expect(room.awareness.getStates().has(caret.clientId)).toBe(true);
    expect(published).toEqual([]);

    room.applyRemote({ kind: 'peer-gone' }, 'instance-c');
    expect(room.awareness.getStates().has(caret.clientId)).toBe(true);
    room.applyRemote({ kind: 'peer-gone' }, 'instance-b');
    expect(room.awareness.getStates().has(caret.clientId)).toBe(false);
  });

  it('forgets a remote client that announced it left', () => {
    const { room } = testRoom({ clustered: true });
    const caret = presence({ cursor: 7 });
    room.applyRemote({ kind: 'awareness', update: caret.update() }, 'instance-b');
    removeAwarenessStates(caret.awareness, [caret.clientId], null);
    room.applyRemote({ kind: 'awareness', update: caret.update() }, 'instance-b');
    expect(room.awareness.getStates().has(caret.clientId)).toBe(false);
  });

  it('answers another instance’s query with the states of this instance’s connections only', () => {
    const { room, published } = testRoom({ clustered: true });
    const ada = new FakeSocket();
    room.join(ada, identity('editor'));
    const local = presence({ cursor: 1 });
    room.receive(ada, encodeAwareness(local.update()));
    room.applyRemote({ kind: 'awareness', update: presence({ cursor: 2 }).update() }, 'instance-b');
    published.length = 0;
    room.applyRemote({ kind: 'awareness-query' }, 'instance-c');
    expect(published).toHaveLength(1);
    const answered = new Awareness(new Y.Doc());
    const message = published[0]!;
    if (message.kind !== 'awareness') throw new Error('expected awareness');
    applyAwarenessUpdate(answered, message.update, null);
    expect([...answered.getStates().keys()].filter((id) => id !== answered.clientID)).toEqual([local.clientId]);
  });
});
