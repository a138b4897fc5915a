import { eq } from 'drizzle-orm';
import type { Db } from './connection';
import { writerAppearance } from './schema';

/** The writer's appearance as saved (parsed JSON), or null; lib/appearance reads it. */
export function getAppearance(db: Db, userId: string): unknown {
  const row = db.select().from(writerAppearance).where(eq(writerAppearance.userId, userId)).get();
  return row ? appearanceFromRow(row.settings) : null;
}

/** A stored appearance as saved (parsed JSON); a damaged row reads as nothing. */
export function appearanceFromRow(settings: string): unknown {
  try {
    return JSON.parse(settings) as unknown;
  } catch {
    return null;
  }
}

export function setAppearance(db: Db, userId: string, appearance: unknown): void {
  const settings = JSON.stringify(appearance);
  db.insert(writerAppearance).values({ userId, settings }).onConflictDoUpdate({ target: writerAppearance.userId, set: { settings } }).run();
}
