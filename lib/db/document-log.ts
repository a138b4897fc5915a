import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './connection';
import { documentUpdates, manuscripts } from './schema';

export interface StoredUpdate {
  seq: number;
  bytes: Uint8Array;
}

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
  });
}

export function countUpdates(db: Db, manuscriptId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(documentUpdates)
    .where(eq(documentUpdates.manuscriptId, manuscriptId))
    .get();
  return row?.n ?? 0;
}
