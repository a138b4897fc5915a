import { eq } from 'drizzle-orm';
import type { Db } from './connection';
import { newId } from '../secrets';
import { EmailTakenError, normalizeEmail, type User } from '../records';
import { invitations, memberships, users } from './schema';

/** Creates a user and honours every pending email invitation addressed to them, in one transaction. */
export function createUser(db: Db, input: { email: string; name: string; color: string; passwordHash: string | null }): User {
  const email = normalizeEmail(input.email);
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) throw new EmailTakenError();
    const user = tx.insert(users).values({ id: newId(), email, name: input.name.trim(), color: input.color, passwordHash: input.passwordHash }).returning().get();
    const pending = tx.select().from(invitations).where(eq(invitations.email, email)).all();
    for (const invitation of pending) {
      tx.insert(memberships).values({ manuscriptId: invitation.manuscriptId, userId: user.id, role: invitation.role }).onConflictDoNothing().run();
      tx.delete(invitations).where(eq(invitations.id, invitation.id)).run();
    }
    return user;
  }, { behavior: 'immediate' });
}

export function getUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export function getUserById(db: Db, id: string): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function updateProfile(db: Db, userId: string, profile: { name: string; color: string }): void {
  db.update(users).set({ name: profile.name.trim(), color: profile.color }).where(eq(users.id, userId)).run();
}

export function setPasswordHash(db: Db, userId: string, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}
