import crypto from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from './connection';
import { appendUpdate } from './document-log';
import { manuscripts, type Manuscript } from './schema';

/** A new url-safe manuscript id that matches MANUSCRIPT_ID_PATTERN. */
export function newManuscriptId(): string {
  return crypto.randomBytes(9).toString('base64url').toLowerCase().replace(/^[-_]/, 'm');
}

/** Creates a manuscript row and stores its initial document in the same transaction. */
export function createManuscript(db: Db, input: { title: string; initialUpdate: Uint8Array }): Manuscript {
  const id = newManuscriptId();
  return db.transaction((tx) => {
    const row = tx.insert(manuscripts).values({ id, title: input.title }).returning().get();
    appendUpdate(tx as unknown as Db, id, input.initialUpdate);
    return row;
  });
}

export function getManuscript(db: Db, id: string): Manuscript | undefined {
  return db.select().from(manuscripts).where(eq(manuscripts.id, id)).get();
}

export function listManuscripts(db: Db): Manuscript[] {
  return db.select().from(manuscripts).orderBy(desc(manuscripts.updatedAt)).all();
}

/** Marks a manuscript as unreadable; its bytes stay untouched for an operator to inspect. */
export function quarantineManuscript(db: Db, id: string, reason: string): void {
  db.update(manuscripts).set({ quarantinedAt: new Date(), quarantineReason: reason }).where(eq(manuscripts.id, id)).run();
}
