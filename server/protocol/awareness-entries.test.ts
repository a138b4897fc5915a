import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isRemoval, readAwarenessEntries } from './awareness-entries';
import { stampAwarenessUpdate } from './awareness-stamp';

function client(state: Record<string, unknown>) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  return { id: doc.clientID, awareness };
}

describe('awareness entries', () => {
  it('reads each client’s id, clock and state, and tells a removal', () => {
    const ada = client({ cursor: 1 });
    expect(readAwarenessEntries(encodeAwarenessUpdate(ada.awareness, [ada.id]))).toEqual([{ clientId: ada.id, clock: 1, state: '{"cursor":1}' }]);
    removeAwarenessStates(ada.awareness, [ada.id], null);
    const [gone] = readAwarenessEntries(encodeAwarenessUpdate(ada.awareness, [ada.id]));
    expect(gone && isRemoval(gone)).toBe(true);
  });

  it('refuses truncated or padded bytes', () => {
    const ada = client({ cursor: 1 });
    const update = encodeAwarenessUpdate(ada.awareness, [ada.id]);
    expect(() => readAwarenessEntries(update.slice(0, -2))).toThrow();
    expect(() => readAwarenessEntries(new Uint8Array([...update, 0]))).toThrow(/trailing bytes/);
  });

  it('stamping reads through the same parser: it keeps the clients a connection may speak for, with its user', () => {
    const ada = client({ cursor: 1, user: { name: 'Mallory' } });
    const stamped = stampAwarenessUpdate(encodeAwarenessUpdate(ada.awareness, [ada.id]), { id: 'u', name: 'Ada', color: '#aa3355' }, () => true);
    expect(stamped.clientIds).toEqual([ada.id]);
    expect(JSON.parse(readAwarenessEntries(stamped.update)[0]!.state)).toEqual({ cursor: 1, user: { id: 'u', name: 'Ada', color: '#aa3355' } });
    expect(stampAwarenessUpdate(encodeAwarenessUpdate(ada.awareness, [ada.id]), { name: 'Ada', color: '#aa3355' }, () => false).clientIds).toEqual([]);
  });
});
