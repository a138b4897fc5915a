import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType, SyncStep } from './message-types';

/** Every frame a client may send, decoded. Anything else is rejected before it touches a document. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'restore-draft'; draftId: string }
  | { type: 'comment'; payload: unknown };

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Decodes one client frame; throws ProtocolError on anything malformed, unknown or with trailing bytes. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (messageType) {
      case MessageType.Sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SyncStep.Step1) message = { type: 'sync-step-1', stateVector: payload };
        else if (step === SyncStep.Step2) message = { type: 'sync-step-2', update: payload };
        else if (step === SyncStep.Update) message = { type: 'sync-update', update: payload };
        else throw new ProtocolError(`unknown sync step ${step}`);
        break;
      }
      case MessageType.Awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.QueryAwareness:
        message = { type: 'query-awareness' };
        break;
      case MessageType.Comment: {
        const text = decoding.readVarString(decoder);
        let payload: unknown;
        try {
          payload = JSON.parse(text);
        } catch {
          throw new ProtocolError('comment payload is not JSON');
        }
        message = { type: 'comment', payload };
        break;
      }
      case MessageType.RestoreDraft: {
        const draftId = decoding.readVarString(decoder);
        if (!/^[a-z0-9]{8,64}$/.test(draftId)) throw new ProtocolError('invalid draft id');
        message = { type: 'restore-draft', draftId };
        break;
      }
      default:
        throw new ProtocolError(`unknown message type ${messageType}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
    return message;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`);
  }
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

/** Tells a client that the document's stored state now covers this state vector. */
export const encodeStored = (stateVector: Uint8Array) => bytesFrame(MessageType.Stored, stateVector);

/** Reads the payload of a Stored frame whose type varUint was already consumed (as y-websocket's handlers do). */
export function readStoredPayload(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

/** Tells a client its current role on the manuscript. */
export const encodeRole = (role: string) => stringFrame(MessageType.Role, role);

export function readRolePayload(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder);
}

export const encodeRestoreDraft = (draftId: string) => stringFrame(MessageType.RestoreDraft, draftId);

export interface RestoreResult {
  ok: boolean;
  message: string;
}

export const encodeRestoreResult = (result: RestoreResult) => stringFrame(MessageType.RestoreResult, JSON.stringify(result));

export function readRestoreResultPayload(decoder: decoding.Decoder): RestoreResult {
  return JSON.parse(decoding.readVarString(decoder)) as RestoreResult;
}
