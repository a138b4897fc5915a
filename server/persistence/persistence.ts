/** A stored row of a manuscript's update log. */
export interface StoredUpdate {
  seq: number;
  bytes: Uint8Array;
}

export type LoadResult =
  | { status: 'missing' }
  | { status: 'quarantined'; reason: string }
  | { status: 'ok'; rows: StoredUpdate[] };

/** Where rooms keep their documents. Every method resolves only once the write is durable. */
export interface Persistence {
  load(manuscriptId: string): Promise<LoadResult>;
  /** Appends one update by `editorId` and returns its sequence number. */
  append(manuscriptId: string, update: Uint8Array, editorId?: string): Promise<number>;
  /** Replaces rows up to `throughSeq` with `snapshot`, atomically, and records the word count. */
  compact(manuscriptId: string, snapshot: Uint8Array, throughSeq: number, wordCount: number): Promise<void>;
  quarantine(manuscriptId: string, reason: string): Promise<void>;
  /** Stores an automatic checkpoint of the whole document and thins older ones. */
  saveCheckpoint(manuscriptId: string, checkpoint: { name: string; state: Uint8Array; wordCount: number; changedBy: string[] }): Promise<void>;
  /** A saved draft or checkpoint of this manuscript, or null. */
  loadDraft(manuscriptId: string, draftId: string): Promise<{ name: string; state: Uint8Array } | null>;
}
