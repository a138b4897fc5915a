import { and, desc, eq } from 'drizzle-orm';
import { generateApiToken, hashToken } from '../secrets';
import type { Db } from './connection';
import { newId } from '../secrets';
import type { User } from '../records';
import { apiTokens, users } from './schema';

/** Creates a token and returns its secret once; only its hash is kept. */
export function createApiToken(db: Db, userId: string, name: string): { id: string; token: string } {
  const token = generateApiToken();
  const id = newId();
  db.insert(apiTokens).values({ id, userId, name: name.trim() || 'API token', tokenHash: hashToken(token) }).run();
  return { id, token };
}

export function listApiTokens(db: Db, userId: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** Revokes one of the user's own tokens; returns false when there is no such token of theirs. */
export function revokeApiToken(db: Db, userId: string, tokenId: string): boolean {
  return db.delete(apiTokens).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId))).run().changes > 0;
}

export function userForApiToken(db: Db, token: string): User | undefined {
  const row = db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .get();
  if (!row) return undefined;
  db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId)).run();
  return row.user;
}
