import { CloseCode, closeReason } from '@/lib/collab/close-codes';
import { shouldReconnectAfter } from '@/lib/collab/reconnect';

/** What the workspace does when the collab server closes the socket, decided from the close code alone. */
export type CloseOutcome =
  /** Transient: the provider reconnects on its own, with backoff; the writer sees "Offline" meanwhile. */
  | { kind: 'reconnect' }
  /** The token expired or the role may have changed: fetch a fresh one and connect with it. */
  | { kind: 'fresh-token' }
  /** Stop, forget the local copy and say why: what it holds must not be sent again. */
  | { kind: 'lose-access'; message: string }
  /** Keep writing locally; saving waits until the writer has undone part of the change. */
  | { kind: 'stall'; message: string }
  /** The manuscript cannot go on in this page; the local copy is kept. */
  | { kind: 'fatal'; message: string };

/** Forbidden closes in a row after which a fresh token is no longer tried (a removed writer, not a role change). */
export const MAX_FORBIDDEN_IN_A_ROW = 3;

export const ACCESS_ENDED_MESSAGE = 'You no longer have access to this manuscript.';
export const SUGGESTION_REFUSED_MESSAGE = 'A change here could only be kept as a suggestion, so it was not saved. Reload the page to go on from the saved text.';
export const TOO_LARGE_MESSAGE = 'This change is too large to save: undo part of it, then try again. Your words are kept on this device.';
export const OUTDATED_MESSAGE = 'Scriptorium was updated: reload the page to keep writing. Your words are kept on this device.';

/**
 * The outcome of a close with `code`; `forbiddenInARow` counts Forbidden closes since the last sync,
 * this one included.
 */
export function outcomeOfClose(code: number, forbiddenInARow: number): CloseOutcome {
  if (shouldReconnectAfter({ code })) return { kind: 'reconnect' };
  if (code === CloseCode.Unauthorized) return { kind: 'fresh-token' };
  // Removed, or a role that may no longer write: a fresh token tells which; a loop is cut short.
  if (code === CloseCode.Forbidden && forbiddenInARow < MAX_FORBIDDEN_IN_A_ROW) return { kind: 'fresh-token' };
  // A commenter's change that was more than a suggestion: the local copy holds it and would send it
  // again on every visit, so it is forgotten; a reload starts from the saved text.
  if (code === CloseCode.SuggestionRefused) return { kind: 'lose-access', message: SUGGESTION_REFUSED_MESSAGE };
  // Retrying would send the same change again: keep writing locally and let the writer decide.
  if (code === CloseCode.MessageTooBig) return { kind: 'stall', message: TOO_LARGE_MESSAGE };
  if (code === CloseCode.ProtocolOutdated) return { kind: 'fatal', message: OUTDATED_MESSAGE };
  const reason = closeReason[code as CloseCode] ?? `closed (${code})`;
  return { kind: 'fatal', message: `The server refused this manuscript: ${reason}.` };
}
