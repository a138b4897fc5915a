import { and, eq } from 'drizzle-orm';
import { NotFoundError } from '../access/errors';
import { hasAtLeast } from '../access/roles';
import type { Db } from './connection';
import { manuscripts, memberships, type Manuscript, type Role } from './schema';

/** The user's role on a live (not trashed) manuscript, or null. */
export function getRole(db: Db, userId: string, manuscriptId: string): Role | null {
  const row = db
    .select({ role: memberships.role, deletedAt: manuscripts.deletedAt })
    .from(memberships)
    .innerJoin(manuscripts, eq(manuscripts.id, memberships.manuscriptId))
    .where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId)))
    .get();
  return row && !row.deletedAt ? row.role : null;
}

/**
 * The manuscript and the user's role, if the user holds at least `minRole` on it; otherwise
 * NotFoundError, the same for unknown, trashed and forbidden manuscripts.
 */
export function getManuscriptOrThrow(
  db: Db,
  userId: string,
  manuscriptId: string,
  minRole: Role,
  options: { includeTrashed?: boolean } = {},
): { manuscript: Manuscript; role: Role } {
  const row = db
    .select({ manuscript: manuscripts, role: memberships.role })
    .from(memberships)
    .innerJoin(manuscripts, eq(manuscripts.id, memberships.manuscriptId))
    .where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId)))
    .get();
  if (!row || !hasAtLeast(row.role, minRole)) throw new NotFoundError();
  if (row.manuscript.deletedAt && !options.includeTrashed) throw new NotFoundError();
  return row;
}

/** Every member's role on a manuscript (empty when it is trashed), for the collab server's re-checks. */
export function rolesForManuscript(db: Db, manuscriptId: string): Map<string, Role> {
  const manuscript = db.select({ deletedAt: manuscripts.deletedAt }).from(manuscripts).where(eq(manuscripts.id, manuscriptId)).get();
  if (!manuscript || manuscript.deletedAt) return new Map();
  const rows = db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.manuscriptId, manuscriptId)).all();
  return new Map(rows.map((row) => [row.userId, row.role]));
}
