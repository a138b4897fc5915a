import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType } from '../../lib/collab/message-types';
import { encodeAwareness, encodeRestoreDraft, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, stringFrame } from '../../lib/collab/protocol';

/** Valid frames of every client message type, as a starting point for mutation. */
function seedFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(0, 'The lamp burned low.');
  doc.getText('t').delete(4, 4);
  doc.getMap('binder').set('x', new Y.Map());
  const awareness = encoding.createEncoder();
  encoding.writeVarUint(awareness, 1);
  encoding.writeVarUint(awareness, 12345);
  encoding.writeVarUint(awareness, 3);
  encoding.writeVarString(awareness, JSON.stringify({ cursor: { anchor: 1, head: 2 }, user: { name: 'x' } }));
  return [
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeSyncStep2(Y.encodeStateAsUpdate(doc)),
    ...updates.map((update) => encodeSyncUpdate(update)),
    encodeAwareness(encoding.toUint8Array(awareness)),
    new Uint8Array([MessageType.QueryAwareness]),
    encodeRestoreDraft('abcdefgh1234'),
    stringFrame(MessageType.Comment, JSON.stringify({ op: 'reply', requestId: 'r', threadId: 'abcdefgh1234', body: 'hi', mentions: [] })),
    stringFrame(MessageType.Comment, '{"op":"create"'),
    new Uint8Array([0x00, 0x00, 0x01, 0x05]),
  ];
}

const SEEDS = seedFrames();

/** Malformed and mutated frames of every message type: bit flips, truncations, splices, random bytes, huge lengths. */
export const hostileFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 64 }),
  fc.tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 })).map(([frame, flips]) => {
    const copy = frame.slice();
    for (const [at, value] of flips) if (copy.length > 0) copy[at % copy.length] = value;
    return copy;
  }),
  fc.tuple(fc.constantFrom(...SEEDS), fc.nat()).map(([frame, cut]) => frame.slice(0, cut % Math.max(1, frame.length))),
  fc.tuple(fc.constantFrom(...SEEDS), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([frame, tail]) => new Uint8Array([...frame, ...tail])),
  fc.tuple(fc.constantFrom(0, 1, 3, 100, 101, 102, 103, 104, 105, 200), fc.constantFrom(0, 1, 2, 7), fc.uint8Array({ maxLength: 32 })).map(([type, step, body]) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint(encoder, body.length * 1000 + 7);
    encoding.writeUint8Array(encoder, body);
    return encoding.toUint8Array(encoder);
  }),
  fc.constantFrom(...SEEDS),
);
