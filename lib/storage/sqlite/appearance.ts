import { eq } from 'drizzle-orm';
import type { Db } from './connection';
import { writerAppearance } from './schema';

/** The writer's appearance as saved (parsed JSON), or null; lib/appearance reads it. */
export function getAppearance(db: Db, userId: string): unknown {
  const row = db.select().from(writerAppearance).where(eq(writerAppearance.userId, userId)).get();
  if (!row) return null;
  try {
    return JSON.parse(row.settings) as unknown;
  } catch {
    return null;
  }
}

export function setAppearance(db: Db, userId: string, appearance: unknown): void {
  const settings = JSON.stringify(appearance);
  db.insert(writerAppearance).values({ userId, settings }).onConflictDoUpdate({ target: writerAppearance.userId, set: { settings } }).run();
}
