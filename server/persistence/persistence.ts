import type { StoredUpdate } from '../../lib/db';

/** A stored row of a manuscript's update log, as lib/db reads it. */
export type { StoredUpdate };

export type LoadResult =
  | { status: 'missing' }
  | { status: 'quarantined'; reason: string }
  | { status: 'ok'; rows: StoredUpdate[] };

/** Where rooms keep their documents. Every write resolves only once it is durable. */
export interface Persistence {
  load(manuscriptId: string): Promise<LoadResult>;
  /**
   * Appends one update by `editorId`. Appends are group-committed: the promise resolves after the
   * transaction holding it returns, and appends commit in the order they were made.
   */
  append(manuscriptId: string, update: Uint8Array, editorId?: string): Promise<void>;
  /** Folds the stored rows into one snapshot row and records the word count, deleting exactly the rows it read. */
  compact(manuscriptId: string): Promise<void>;
  quarantine(manuscriptId: string, reason: string): Promise<void>;
  /** Stores an automatic checkpoint of what is stored now (after every append made so far) and thins older ones. */
  saveCheckpoint(manuscriptId: string, checkpoint: { name: string; changedBy: string[] }): Promise<void>;
  /** A saved draft or checkpoint of this manuscript, or null. */
  loadDraft(manuscriptId: string, draftId: string): Promise<{ name: string; state: Uint8Array } | null>;
  /** Commits whatever appends are waiting, now. */
  flush(): Promise<void>;
  /** Releases background workers (after the last flush). */
  close?(): Promise<void>;
}
