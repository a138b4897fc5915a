import { and, eq } from 'drizzle-orm';
import type { Db } from './connection';
import { manuscripts, memberships, type Manuscript, type Role } from './schema';

/** The manuscript (trashed ones too) with this member's role; undefined when they are not a member. */
export function getManuscriptForMember(db: Db, userId: string, manuscriptId: string): { manuscript: Manuscript; role: Role } | undefined {
  return db
    .select({ manuscript: manuscripts, role: memberships.role })
    .from(memberships)
    .innerJoin(manuscripts, eq(manuscripts.id, memberships.manuscriptId))
    .where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId)))
    .get();
}

/** Every member's role on a manuscript (empty when it is trashed), for the collab server's re-checks. */
export function rolesForManuscript(db: Db, manuscriptId: string): Map<string, Role> {
  const manuscript = db.select({ deletedAt: manuscripts.deletedAt }).from(manuscripts).where(eq(manuscripts.id, manuscriptId)).get();
  if (!manuscript || manuscript.deletedAt) return new Map();
  const rows = db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.manuscriptId, manuscriptId)).all();
  return new Map(rows.map((row) => [row.userId, row.role]));
}
