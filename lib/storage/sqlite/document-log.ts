import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { CheckpointRows } from '../log/checkpoints';
import type { PendingAppend } from '../log/group-commit';
import type { StoredUpdate } from '../records';
import type { Db } from './connection';
import { deleteDrafts, insertDraft } from './drafts';
import { documentUpdates, drafts, manuscripts } from './schema';

/** Appends one update to a manuscript's log and returns its sequence number. Synchronous: stored on return. */
export function appendUpdate(db: Db, manuscriptId: string, bytes: Uint8Array, editorId?: string): number {
  const row = db
    .insert(documentUpdates)
    .values({ manuscriptId, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    .returning({ seq: documentUpdates.seq })
    .get();
  db.update(manuscripts)
    .set(editorId ? { updatedAt: new Date(), lastEditedBy: editorId } : { updatedAt: new Date() })
    .where(eq(manuscripts.id, manuscriptId))
    .run();
  return row.seq;
}

/** Every stored row of a manuscript's log, oldest first. */
export function readUpdates(db: Db, manuscriptId: string): StoredUpdate[] {
  return db
    .select({ seq: documentUpdates.seq, bytes: documentUpdates.bytes })
    .from(documentUpdates)
    .where(eq(documentUpdates.manuscriptId, manuscriptId))
    .orderBy(asc(documentUpdates.seq))
    .all()
    .map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes) }));
}

/**
 * Replaces the rows up to `throughSeq` with one snapshot row (keeping seq `throughSeq`), in one
 * transaction: a crash leaves either the old rows or the snapshot, never neither.
 */
export function compactUpdates(db: Db, manuscriptId: string, snapshot: Uint8Array, throughSeq: number): void {
  db.transaction((tx) => {
    tx.delete(documentUpdates)
      .where(and(eq(documentUpdates.manuscriptId, manuscriptId), lte(documentUpdates.seq, throughSeq)))
      .run();
    tx.insert(documentUpdates)
      .values({ seq: throughSeq, manuscriptId, bytes: Buffer.from(snapshot) })
      .run();
  }, { behavior: 'immediate' });
}

export function countUpdates(db: Db, manuscriptId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(documentUpdates)
    .where(eq(documentUpdates.manuscriptId, manuscriptId))
    .get();
  return row?.n ?? 0;
}


/**
 * The collab server's hot path: statements prepared once, a whole batch of updates (across
 * manuscripts) in one transaction, and each manuscript's last-edited bookkeeping once per batch.
 */
export function createUpdateLogWriter(db: Db) {
  const sqlite = db.$client;
  const insert = sqlite.prepare<[string, Buffer], { seq: number }>('INSERT INTO document_updates (manuscript_id, bytes) VALUES (?, ?) RETURNING seq');
  const touch = sqlite.prepare<[number, string | null, string]>(
    'UPDATE manuscripts SET updated_at = ?, last_edited_by = coalesce(?, last_edited_by) WHERE id = ?',
  );
  const appendAll = sqlite.transaction((entries: PendingAppend[]): number[] => {
    const lastEditor = new Map<string, string | null>();
    const seqs = entries.map((entry) => {
      lastEditor.set(entry.manuscriptId, entry.editorId ?? lastEditor.get(entry.manuscriptId) ?? null);
      return insert.get(entry.manuscriptId, Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength))!.seq;
    });
    const now = Date.now();
    for (const [manuscriptId, editorId] of lastEditor) touch.run(now, editorId, manuscriptId);
    return seqs;
  });

  const readRows = sqlite.prepare<[string], { seq: number; bytes: Buffer }>('SELECT seq, bytes FROM document_updates WHERE manuscript_id = ? ORDER BY seq');
  const deleteThrough = sqlite.prepare<[string, number]>('DELETE FROM document_updates WHERE manuscript_id = ? AND seq <= ?');
  const insertAt = sqlite.prepare<[number, string, Buffer]>('INSERT INTO document_updates (seq, manuscript_id, bytes) VALUES (?, ?, ?)');
  const setWordCount = sqlite.prepare<[number, string]>('UPDATE manuscripts SET word_count = ? WHERE id = ?');
  const fold = sqlite.transaction((manuscriptId: string, snapshot: Uint8Array, throughSeq: number, wordCount: number) => {
    deleteThrough.run(manuscriptId, throughSeq);
    insertAt.run(throughSeq, manuscriptId, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength));
    setWordCount.run(wordCount, manuscriptId);
  });

  return {
    /** Appends every entry in one transaction and returns their sequence numbers, in order. */
    appendAll: (entries: PendingAppend[]): number[] => appendAll.immediate(entries),
    /** The manuscript's stored rows, oldest first. */
    readRows: (manuscriptId: string): StoredUpdate[] => readRows.all(manuscriptId).map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes) })),
    /** Replaces exactly the rows through `throughSeq` with `snapshot` and records the word count, atomically. */
    fold: (manuscriptId: string, snapshot: Uint8Array, throughSeq: number, wordCount: number): void => fold.immediate(manuscriptId, snapshot, throughSeq, wordCount),
  };
}

export type UpdateLogWriter = ReturnType<typeof createUpdateLogWriter>;

/** Checkpoint rows on SQLite, for storeCheckpoint (on the writer thread, or inline). */
export function sqliteCheckpointRows(db: Db): CheckpointRows {
  return {
    insert: ({ manuscriptId, name, changedBy, state, wordCount }) => void insertDraft(db, { manuscriptId, kind: 'checkpoint', name, createdBy: null, changedBy: changedBy.join(', '), wordCount, state }),
    listCheckpoints: (manuscriptId) =>
      db.select({ id: drafts.id, createdAt: drafts.createdAt }).from(drafts).where(and(eq(drafts.manuscriptId, manuscriptId), eq(drafts.kind, 'checkpoint'))).all(),
    delete: (manuscriptId, ids) => deleteDrafts(db, manuscriptId, ids),
  };
}
