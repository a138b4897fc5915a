/**
 * y-websocket wire message types (first varUint of every frame).
 * 0–3 are the stock protocol; 100 and up are Scriptorium's own.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Server → client: every update up to this state vector is durably stored. */
  Stored: 100,
  /** Server → client: the connection's current role (sent on join and whenever it changes). */
  Role: 101,
  /** Client → server: restore the manuscript to a saved draft (editors and the owner). */
  RestoreDraft: 102,
  /** Server → client: how a restore went, `{ ok, message }` as JSON; co-authors also get `{ restoredBy, draftName }`. */
  RestoreResult: 103,
  /** Client → server: one comment operation, JSON (see comment-messages.ts). */
  Comment: 104,
  /** Server → client: comment threads changed, or the outcome of an operation, JSON. */
  CommentEvent: 105,
} as const;

export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sync sub-types (second varUint of a Sync frame), as in y-protocols/sync. */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
