import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  decodeServerMessage,
  encodeAwareness,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from './protocol';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('decodeClientMessage', () => {
  it('decodes every stock message type', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello');
    const update = Y.encodeStateAsUpdate(doc);
    const vector = Y.encodeStateVector(doc);
    expect(decodeClientMessage(encodeSyncStep1(vector))).toEqual({ type: 'sync-step-1', stateVector: vector });
    expect(decodeClientMessage(encodeSyncStep2(update))).toEqual({ type: 'sync-step-2', update });
    expect(decodeClientMessage(encodeSyncUpdate(update))).toEqual({ type: 'sync-update', update });
    expect(decodeClientMessage(encodeAwareness(new Uint8Array([1, 2])))).toEqual({
      type: 'awareness',
      update: new Uint8Array([1, 2]),
    });
    expect(decodeClientMessage(frame((e) => encoding.writeVarUint(e, 3)))).toEqual({ type: 'query-awareness' });
  });

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['an unknown message type', frame((e) => encoding.writeVarUint(e, 42))],
    ['an auth message from a client', frame((e) => encoding.writeVarUint(e, 2))],
    ['an unknown sync step', frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 9), encoding.writeVarUint8Array(e, new Uint8Array([0]))))],
    ['a payload longer than the frame', frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 1000)))],
    ['trailing bytes', new Uint8Array([...encodeSyncUpdate(new Uint8Array([0, 0])), 7])],
  ])('rejects %s with a ProtocolError', (_name, bytes) => {
    expect(() => decodeClientMessage(bytes)).toThrow(ProtocolError);
  });

  it('never throws anything but ProtocolError on random bytes', () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now());
    console.log(`protocol fuzz seed: ${seed} (replay with TEST_SEED=${seed})`);
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      try {
        decodeClientMessage(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    }
  });
});

describe('the stored acknowledgement', () => {
  it('round-trips the clocks it is given through the client decoder', () => {
    const clocks = new Map([
      [1, 0],
      [2_000_000_000, 17],
      [Number.MAX_SAFE_INTEGER, 3],
    ]);
    expect(decodeServerMessage(encodeStored(clocks))).toEqual({ type: 'stored', stateVector: clocks });
    expect(decodeServerMessage(encodeStored(new Map()))).toEqual({ type: 'stored', stateVector: new Map() });
  });
});

