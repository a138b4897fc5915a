import type Database from 'better-sqlite3';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { normalizeEmail, type Member, type Role, type ShareableRole } from '../records';
import { generateInviteSecret, hashToken, newId } from '../secrets';
import type { Db } from './connection';
import { invitations, memberships, users } from './schema';

export function listMembers(db: Db, manuscriptId: string): Member[] {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, color: users.color, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.manuscriptId, manuscriptId))
    .orderBy(asc(memberships.createdAt))
    .all();
}

export function listPendingInvitations(db: Db, manuscriptId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, isLink: isNotNull(invitations.tokenHash), createdAt: invitations.createdAt })
    .from(invitations)
    .where(eq(invitations.manuscriptId, manuscriptId))
    .orderBy(asc(invitations.createdAt))
    .all()
    .map((row) => ({ ...row, isLink: Boolean(row.isLink) }));
}

/**
 * Shares by email: an existing user gets the role at once (an existing member's role is updated,
 * never the owner's); an unknown email gets a pending invitation honoured at sign-up.
 */
export function shareByEmail(
  db: Db,
  input: { manuscriptId: string; email: string; role: ShareableRole; invitedBy: string },
): { kind: 'member'; userId: string } | { kind: 'invited'; invitationId: string } {
  const email = normalizeEmail(input.email);
  return db.transaction((tx) => {
    const user = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    if (user) {
      const existing = tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.manuscriptId, input.manuscriptId), eq(memberships.userId, user.id)))
        .get();
      if (existing?.role === 'owner') return { kind: 'member' as const, userId: user.id };
      tx.insert(memberships)
        .values({ manuscriptId: input.manuscriptId, userId: user.id, role: input.role })
        .onConflictDoUpdate({ target: [memberships.manuscriptId, memberships.userId], set: { role: input.role } })
        .run();
      return { kind: 'member' as const, userId: user.id };
    }
    tx.delete(invitations).where(and(eq(invitations.manuscriptId, input.manuscriptId), eq(invitations.email, email))).run();
    const invitationId = newId();
    tx.insert(invitations).values({ id: invitationId, manuscriptId: input.manuscriptId, email, role: input.role, createdBy: input.invitedBy }).run();
    return { kind: 'invited' as const, invitationId };
  }, { behavior: 'immediate' });
}

/** Creates an invitation link; the secret is returned once and only its hash is kept. */
export function createInviteLink(db: Db, input: { manuscriptId: string; role: ShareableRole; createdBy: string }): { id: string; secret: string } {
  const secret = generateInviteSecret();
  const id = newId();
  db.insert(invitations).values({ id, manuscriptId: input.manuscriptId, tokenHash: hashToken(secret), role: input.role, createdBy: input.createdBy }).run();
  return { id, secret };
}

export function findInviteLink(db: Db, secret: string) {
  return db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(secret))).get();
}

export function hasEmailInvitation(db: Db, email: string): boolean {
  return db.select({ id: invitations.id }).from(invitations).where(eq(invitations.email, normalizeEmail(email))).get() !== undefined;
}

/** Joins via a link: a new member gets the link's role; an existing member keeps a higher role. */
export function acceptInviteLink(db: Db, secret: string, userId: string): string | null {
  const invitation = findInviteLink(db, secret);
  if (!invitation) return null;
  db.insert(memberships).values({ manuscriptId: invitation.manuscriptId, userId, role: invitation.role }).onConflictDoNothing().run();
  return invitation.manuscriptId;
}

export function revokeInvitation(db: Db, manuscriptId: string, invitationId: string): boolean {
  return db.delete(invitations).where(and(eq(invitations.id, invitationId), eq(invitations.manuscriptId, manuscriptId))).run().changes > 0;
}

// Asked on every collab connection and every role re-check: prepared once per database handle.
const roleStatements = new WeakMap<Database.Database, ReturnType<typeof prepareRoleStatements>>();

function prepareRoleStatements(sqlite: Database.Database) {
  return {
    live: sqlite.prepare<[string, string], { role: Role }>(
      `SELECT m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
       WHERE m.manuscript_id = ? AND m.user_id = ? AND s.deleted_at IS NULL`,
    ),
    of: sqlite.prepare<[string], { manuscriptId: string; userId: string; role: Role }>(
      `SELECT m.manuscript_id AS manuscriptId, m.user_id AS userId, m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
       WHERE s.deleted_at IS NULL AND m.manuscript_id IN (SELECT value FROM json_each(?))`,
    ),
  };
}

function rolesStatements(db: Db) {
  let statements = roleStatements.get(db.$client);
  if (!statements) roleStatements.set(db.$client, (statements = prepareRoleStatements(db.$client)));
  return statements;
}

/** The member's role on a live manuscript (null when trashed, unknown or not a member). */
export function getLiveRole(db: Db, manuscriptId: string, userId: string): Role | null {
  return rolesStatements(db).live.get(manuscriptId, userId)?.role ?? null;
}

/** Every member's role per manuscript, in one query; a trashed or unknown manuscript maps to no one. */
export function rolesFor(db: Db, manuscriptIds: string[]): Map<string, Map<string, Role>> {
  const byManuscript = new Map<string, Map<string, Role>>(manuscriptIds.map((id) => [id, new Map()]));
  for (const row of rolesStatements(db).of.all(JSON.stringify(manuscriptIds))) byManuscript.get(row.manuscriptId)?.set(row.userId, row.role);
  return byManuscript;
}

/** The role as stored, trashed or not (tests sign tokens with it). */
export function getMemberRole(db: Db, manuscriptId: string, userId: string): Role | null {
  return (
    db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId)))
      .get()?.role ?? null
  );
}

export function setMemberRole(db: Db, manuscriptId: string, userId: string, role: ShareableRole): void {
  db.update(memberships).set({ role }).where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId))).run();
}

export function removeMember(db: Db, manuscriptId: string, userId: string): void {
  db.delete(memberships).where(and(eq(memberships.manuscriptId, manuscriptId), eq(memberships.userId, userId))).run();
}
