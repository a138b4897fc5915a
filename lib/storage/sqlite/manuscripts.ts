import { and, desc, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { TRASH_RETENTION_DAYS, type ManuscriptListing, type ManuscriptSettings } from '../records';
import type { Db } from './connection';
import { appendUpdate } from './document-log';
import { newId } from '../secrets';
import type { Manuscript, Role } from '../records';
import { manuscripts, memberships, users } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a manuscript owned by `ownerId`, with its initial document, in one transaction. */
export function createManuscript(db: Db, input: { title: string; ownerId: string; initialUpdate: Uint8Array }): Manuscript {
  const id = newId();
  return db.transaction((tx) => {
    const row = tx.insert(manuscripts).values({ id, title: input.title.trim(), lastEditedBy: input.ownerId }).returning().get();
    tx.insert(memberships).values({ manuscriptId: id, userId: input.ownerId, role: 'owner' }).run();
    appendUpdate(tx as unknown as Db, id, input.initialUpdate);
    return row;
  }, { behavior: 'immediate' });
}

export function getManuscript(db: Db, id: string): Manuscript | undefined {
  return db.select().from(manuscripts).where(eq(manuscripts.id, id)).get();
}

/** The manuscript (trashed ones too) with this member's role; undefined when they are not a member. */
export function getManuscriptForMember(db: Db, userId: string, manuscriptId: string): { manuscript: Manuscript; role: Role } | undefined {
  return db
    .select({ manuscript: manuscripts, role: memberships.role })
    .from(memberships)
    .innerJoin(manuscripts, eq(manuscripts.id, memberships.manuscriptId))
    .where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId)))
    .get();
}

const editor = alias(users, 'editor');

function listingQuery(db: Db) {
  return db
    .select({
      id: manuscripts.id,
      title: manuscripts.title,
      role: memberships.role,
      updatedAt: manuscripts.updatedAt,
      wordCount: manuscripts.wordCount,
      lastEditedByName: editor.name,
      deletedAt: manuscripts.deletedAt,
    })
    .from(memberships)
    .innerJoin(manuscripts, eq(manuscripts.id, memberships.manuscriptId))
    .leftJoin(editor, eq(editor.id, manuscripts.lastEditedBy));
}

/** The user's manuscripts, most recently edited first: those they own and those shared with them. */
export function listManuscriptsForUser(db: Db, userId: string): { mine: ManuscriptListing[]; shared: ManuscriptListing[] } {
  const rows = listingQuery(db)
    .where(and(eq(memberships.userId, userId), isNull(manuscripts.deletedAt)))
    .orderBy(desc(manuscripts.updatedAt))
    .all();
  return { mine: rows.filter((row) => row.role === 'owner'), shared: rows.filter((row) => row.role !== 'owner') };
}

/** The owner's trashed manuscripts that can still be restored. */
export function listTrashForUser(db: Db, userId: string): ManuscriptListing[] {
  return listingQuery(db)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner'), isNotNull(manuscripts.deletedAt)))
    .orderBy(desc(manuscripts.deletedAt))
    .all();
}

export function renameManuscript(db: Db, id: string, title: string): void {
  db.update(manuscripts).set({ title: title.trim() }).where(eq(manuscripts.id, id)).run();
}

export function trashManuscript(db: Db, id: string, now = new Date()): void {
  db.update(manuscripts).set({ deletedAt: now }).where(eq(manuscripts.id, id)).run();
}

export function restoreManuscript(db: Db, id: string): void {
  db.update(manuscripts).set({ deletedAt: null }).where(eq(manuscripts.id, id)).run();
}

/** Deletes manuscripts trashed more than TRASH_RETENTION_DAYS ago, with their documents. */
export function purgeExpiredTrash(db: Db, now = Date.now()): number {
  return db
    .delete(manuscripts)
    .where(lt(manuscripts.deletedAt, new Date(now - TRASH_RETENTION_DAYS * DAY_MS)))
    .run().changes;
}

/** Marks a manuscript as unreadable; its bytes stay untouched for an operator to inspect. */
export function quarantineManuscript(db: Db, id: string, reason: string): void {
  db.update(manuscripts).set({ quarantinedAt: new Date(), quarantineReason: reason }).where(eq(manuscripts.id, id)).run();
}

export function recordWordCount(db: Db, id: string, wordCount: number): void {
  db.update(manuscripts).set({ wordCount }).where(eq(manuscripts.id, id)).run();
}

export function updateManuscriptSettings(db: Db, id: string, settings: ManuscriptSettings): void {
  db.update(manuscripts).set(settings).where(eq(manuscripts.id, id)).run();
}
