import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Draft, DraftListing, NewDraft } from '../records';
import type { Db } from './connection';
import { newId } from '../secrets';
import { drafts, users } from './schema';

export function insertDraft(db: Db, input: NewDraft): string {
  const id = newId();
  db.insert(drafts)
    .values({ id, ...input, changedBy: input.changedBy ?? '', state: Buffer.from(input.state) })
    .run();
  return id;
}

/** Drafts and checkpoints of a manuscript, newest first, without their (large) states. */
export function listDrafts(db: Db, manuscriptId: string): DraftListing[] {
  return db
    .select({
      id: drafts.id,
      kind: drafts.kind,
      name: drafts.name,
      createdAt: drafts.createdAt,
      createdByName: users.name,
      changedBy: drafts.changedBy,
      wordCount: drafts.wordCount,
    })
    .from(drafts)
    .leftJoin(users, eq(users.id, drafts.createdBy))
    .where(eq(drafts.manuscriptId, manuscriptId))
    .orderBy(desc(drafts.createdAt))
    .all();
}

/** One draft of this manuscript (never another manuscript's, whatever the id). */
export function getDraft(db: Db, manuscriptId: string, draftId: string): Draft | undefined {
  const row = db.select().from(drafts).where(and(eq(drafts.manuscriptId, manuscriptId), eq(drafts.id, draftId))).get();
  return row && { ...row, state: new Uint8Array(row.state) };
}

export function deleteDrafts(db: Db, manuscriptId: string, ids: string[]): void {
  if (ids.length === 0) return;
  db.delete(drafts).where(and(eq(drafts.manuscriptId, manuscriptId), inArray(drafts.id, ids))).run();
}
