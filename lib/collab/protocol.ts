import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { MessageType, SyncStep } from './message-types';

/**
 * The wire protocol's version. A client sends it as the `v` query parameter when it connects; a
 * server that speaks another version closes with 4426 so a page cached from an older deploy says
 * "reload" instead of misreading frames.
 */
export const PROTOCOL_VERSION = 2;

/** Every frame a client may send, decoded. Anything else is rejected before it touches a document. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'restore-draft'; draftId: string }
  | { type: 'comment'; payload: unknown };

/** Every frame the server sends, decoded on the client in one place (`decodeServerMessage`). */
export type ServerMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'stored'; stateVector: Map<number, number> }
  | { type: 'role'; role: WireRole }
  | { type: 'restore-result'; result: RestoreResult }
  | { type: 'comment-event'; payload: unknown };

export const wireRoleSchema = z.enum(ROLES);
export type WireRole = z.infer<typeof wireRoleSchema>;

/**
 * How a restore went: to the writer who asked, `{ ok, message }`; to everyone else in the room, also
 * who restored which draft (`restoredBy`, `draftName`), so a co-author's text never changes without a word.
 */
export const restoreResultSchema = z.object({
  ok: z.boolean(),
  message: z.string().max(2000),
  restoredBy: z.string().max(200).optional(),
  draftName: z.string().max(400).optional(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Draft ids as the database makes them; nothing else reaches a lookup. */
const DRAFT_ID = /^[a-z0-9]{8,64}$/;

/** Reads a state vector completely, so a truncated or padded one is refused here, not inside a room. */
function readStateVector(bytes: Uint8Array): Map<number, number> {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  if (count > bytes.length) throw new ProtocolError('state vector claims more entries than it has bytes');
  const vector = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock)) throw new ProtocolError('state vector entry out of range');
    vector.set(client, clock);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after state vector');
  return vector;
}

function readJson(decoder: decoding.Decoder, what: string): unknown {
  const text = decoding.readVarString(decoder);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError(`${what} payload is not JSON`);
  }
}

/** Runs a frame decoder, turning every lib0 read error into a ProtocolError and refusing trailing bytes. */
function decodeFrame<T>(frame: Uint8Array, read: (decoder: decoding.Decoder, type: number) => T): T {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = read(decoder, decoding.readVarUint(decoder));
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`);
  }
}

/** The stock y-websocket messages both directions share: sync (with its state vector checked) and awareness. */
type StockMessage = Extract<ClientMessage, { type: 'sync-step-1' | 'sync-step-2' | 'sync-update' | 'awareness' }>;

function readStockMessage(decoder: decoding.Decoder, type: number): StockMessage {
  if (type === MessageType.Awareness) return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (step === SyncStep.Step1) {
    readStateVector(payload);
    return { type: 'sync-step-1', stateVector: payload };
  }
  if (step === SyncStep.Step2) return { type: 'sync-step-2', update: payload };
  if (step === SyncStep.Update) return { type: 'sync-update', update: payload };
  throw new ProtocolError(`unknown sync step ${step}`);
}

/** Decodes one client frame; throws ProtocolError on anything malformed, unknown or with trailing bytes. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  return decodeFrame<ClientMessage>(frame, (decoder, type) => {
    switch (type) {
      case MessageType.Sync:
      case MessageType.Awareness:
        return readStockMessage(decoder, type);
      case MessageType.QueryAwareness:
        return { type: 'query-awareness' };
      case MessageType.Comment:
        return { type: 'comment', payload: readJson(decoder, 'comment') };
      case MessageType.RestoreDraft: {
        const draftId = decoding.readVarString(decoder);
        if (!DRAFT_ID.test(draftId)) throw new ProtocolError('invalid draft id');
        return { type: 'restore-draft', draftId };
      }
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  });
}

/** Decodes one server frame on the client; JSON payloads are checked, comment events are left to lib/comments. */
export function decodeServerMessage(frame: Uint8Array): ServerMessage {
  return decodeFrame<ServerMessage>(frame, (decoder, type) => {
    switch (type) {
      case MessageType.Sync:
      case MessageType.Awareness:
        return readStockMessage(decoder, type);
      case MessageType.Stored:
        return { type: 'stored', stateVector: readStateVector(decoding.readVarUint8Array(decoder)) };
      case MessageType.Role: {
        const role = wireRoleSchema.safeParse(decoding.readVarString(decoder));
        if (!role.success) throw new ProtocolError('unknown role');
        return { type: 'role', role: role.data };
      }
      case MessageType.RestoreResult: {
        const result = restoreResultSchema.safeParse(readJson(decoder, 'restore result'));
        if (!result.success) throw new ProtocolError('restore result has the wrong shape');
        return { type: 'restore-result', result: result.data };
      }
      case MessageType.CommentEvent:
        return { type: 'comment-event', payload: readJson(decoder, 'comment event') };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  });
}

/** One frame: the message type, then whatever `write` puts after it. */
function encodeFrame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const bytesFrame = (type: number, payload: Uint8Array) => encodeFrame(type, (e) => encoding.writeVarUint8Array(e, payload));
/** A frame carrying one string; JSON payloads (restore results, comments) use it too. */
export const stringFrame = (type: number, value: string) => encodeFrame(type, (e) => encoding.writeVarString(e, value));

const encodeSync = (step: number, payload: Uint8Array) =>
  encodeFrame(MessageType.Sync, (e) => {
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SyncStep.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SyncStep.Step2, update);
export const encodeSyncUpdate = (update: Uint8Array) => encodeSync(SyncStep.Update, update);
export const encodeAwareness = (update: Uint8Array) => bytesFrame(MessageType.Awareness, update);

/** Tells a client that the document's stored state now covers these per-client clocks (a state vector). */
export function encodeStored(clocks: ReadonlyMap<number, number>): Uint8Array {
  const vector = encoding.createEncoder();
  encoding.writeVarUint(vector, clocks.size);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(vector, client);
    encoding.writeVarUint(vector, clock);
  }
  return bytesFrame(MessageType.Stored, encoding.toUint8Array(vector));
}

/** Tells a client its current role on the manuscript. */
export const encodeRole = (role: WireRole) => stringFrame(MessageType.Role, role);

export const encodeRestoreDraft = (draftId: string) => stringFrame(MessageType.RestoreDraft, draftId);

export const encodeRestoreResult = (result: RestoreResult) => stringFrame(MessageType.RestoreResult, JSON.stringify(result));

/** The y-websocket provider's handler signature for a custom message type (the decoder is past the type). */
type ProviderHandler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: unknown, emitSynced: boolean, messageType: number) => void;

/**
 * Registers `handle` for one of our message types on a stock WebsocketProvider: the whole frame goes
 * through `decodeServerMessage`, and a frame that fails to decode is reported, never half-read.
 */
export function onServerMessage<T extends ServerMessage['type']>(
  provider: { messageHandlers: ProviderHandler[] },
  messageType: number,
  type: T,
  handle: (message: Extract<ServerMessage, { type: T }>) => void,
  onError: (error: ProtocolError) => void = (error) => console.warn(`[collab] ${error.message}`),
): void {
  provider.messageHandlers[messageType] = (_encoder, decoder) => {
    const frame = decoder.arr;
    decoder.pos = frame.length;
    let message: ServerMessage;
    try {
      message = decodeServerMessage(frame);
    } catch (error) {
      onError(error instanceof ProtocolError ? error : new ProtocolError(String(error)));
      return;
    }
    if (message.type === type) handle(message as Extract<ServerMessage, { type: T }>);
    else onError(new ProtocolError(`expected ${type}, got ${message.type}`));
  };
}

