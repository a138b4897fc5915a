import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** What one collab instance tells the others about a manuscript. */
export type FanoutMessage =
  /** A document update, published only once it is stored. */
  | { kind: 'update'; update: Uint8Array }
  /** An awareness update (carets, presence); never stored. */
  | { kind: 'awareness'; update: Uint8Array }
  /** A server frame for every socket in the room (a comment event, a restore notice), already stored and authorised by the sender. */
  | { kind: 'broadcast'; frame: Uint8Array }
  /** A room just loaded here: the others answer with their writers' awareness, so carets show at once. */
  | { kind: 'awareness-query' };

const KIND_CODE = { update: 0, awareness: 1, broadcast: 2, 'awareness-query': 3 } as const;

export function encodeFanoutMessage(instanceId: string, message: FanoutMessage, sentAt = Date.now()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instanceId);
  // When it was published (ms), so receivers can report the bus's lag.
  encoding.writeFloat64(encoder, sentAt);
  encoding.writeVarUint(encoder, KIND_CODE[message.kind]);
  encoding.writeVarUint8Array(encoder, message.kind === 'broadcast' ? message.frame : message.kind === 'awareness-query' ? new Uint8Array() : message.update);
  return encoding.toUint8Array(encoder);
}

/** Decodes a message from the channel; throws on anything malformed (the caller drops it). */
export function decodeFanoutMessage(bytes: Uint8Array): { from: string; sentAt: number; message: FanoutMessage } {
  const decoder = decoding.createDecoder(bytes);
  const from = decoding.readVarString(decoder);
  const sentAt = decoding.readFloat64(decoder);
  if (!Number.isFinite(sentAt)) throw new Error('bad timestamp');
  const kind = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  if (!from) throw new Error('no instance id');
  switch (kind) {
    case KIND_CODE.update:
      return { from, sentAt, message: { kind: 'update', update: payload } };
    case KIND_CODE.awareness:
      return { from, sentAt, message: { kind: 'awareness', update: payload } };
    case KIND_CODE.broadcast:
      return { from, sentAt, message: { kind: 'broadcast', frame: payload } };
    case KIND_CODE['awareness-query']:
      return { from, sentAt, message: { kind: 'awareness-query' } };
    default:
      throw new Error(`unknown fan-out kind ${kind}`);
  }
}

export type FanoutHandler = (message: FanoutMessage, from: string) => void;

/**
 * How rooms on several collab instances hear each other. Delivery is at most once: after a gap
 * (a reconnect, or a peer that died between storing and publishing) `onResync` fires and rooms
 * reload from the store, which is the only source of truth.
 */
export interface Fanout {
  readonly instanceId: string;
  /** False while the bus is unreachable: the instance refuses new connections meanwhile. */
  readonly ready: boolean;
  /** Resolves once subscribed: what is published after that reaches `handler`. */
  join(manuscriptId: string, handler: FanoutHandler): Promise<void>;
  leave(manuscriptId: string): Promise<void>;
  publish(manuscriptId: string, message: FanoutMessage): void;
  /** Rooms may have missed messages: reload them from the store. */
  onResync(listener: () => void): void;
  /** Another instance stopped beating: drop its writers' carets and presence. */
  onPeerGone(listener: (instanceId: string) => void): void;
  close(): Promise<void>;
}
