import { and, eq, gt, isNull } from 'drizzle-orm';
import { hashToken } from '../secrets';
import type { Db } from './connection';
import { newId } from '../secrets';
import type { User } from '../records';
import { passwordResets, users } from './schema';

/** Stores a reset for this writer (only its token's hash), replacing any they asked for before. */
export function insertPasswordReset(db: Db, input: { userId: string; token: string; expiresAt: Date }): void {
  db.transaction((tx) => {
    tx.delete(passwordResets).where(eq(passwordResets.userId, input.userId)).run();
    tx.insert(passwordResets).values({ id: newId(), userId: input.userId, tokenHash: hashToken(input.token), expiresAt: input.expiresAt }).run();
  });
}

/** The writer a reset token is for, while it is unused and unexpired. */
export function userForPasswordReset(db: Db, token: string, now = new Date()): User | undefined {
  return db
    .select({ user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get()?.user;
}

/**
 * Uses a reset token once: sets the new password hash and spends the token (and any other of the
 * writer's), in one transaction. Returns the writer, or undefined for an unknown, spent or expired token.
 */
export function consumePasswordReset(db: Db, token: string, passwordHash: string, now = new Date()): User | undefined {
  return db.transaction((tx) => {
    const spent = tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId })
      .get();
    if (!spent) return undefined;
    tx.update(users).set({ passwordHash }).where(eq(users.id, spent.userId)).run();
    tx.delete(passwordResets).where(and(eq(passwordResets.userId, spent.userId), isNull(passwordResets.usedAt))).run();
    return tx.select().from(users).where(eq(users.id, spent.userId)).get();
  });
}
