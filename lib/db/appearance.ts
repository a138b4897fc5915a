import { eq } from 'drizzle-orm';
import { DEFAULT_APPEARANCE, parseAppearance, type Appearance } from '../appearance/appearance';
import type { Db } from './connection';
import { writerAppearance } from './schema';

/** The writer's account-wide appearance, or the defaults. */
export function getAppearance(db: Db, userId: string): Appearance {
  const row = db.select().from(writerAppearance).where(eq(writerAppearance.userId, userId)).get();
  if (!row) return { ...DEFAULT_APPEARANCE };
  try {
    return parseAppearance(JSON.parse(row.settings));
  } catch {
    return { ...DEFAULT_APPEARANCE };
  }
}

export function setAppearance(db: Db, userId: string, appearance: Appearance): void {
  const settings = JSON.stringify(parseAppearance(appearance));
  db.insert(writerAppearance).values({ userId, settings }).onConflictDoUpdate({ target: writerAppearance.userId, set: { settings } }).run();
}
