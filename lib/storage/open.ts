import { createMemoryStorage } from './memory/storage';
import { isPostgresUrl, openPgPool } from './pg/connect';
import { createPgStorage } from './pg/storage';
import { restoreDatabase } from './sqlite/backup';
import { DEFAULT_DATABASE_URL } from '../config/env';
import { openDatabase, sqlitePathFromUrl } from './sqlite/connection';
import { createSqliteStorage } from './sqlite/storage';
import type { Storage, StorageOptions } from './storage';

/** Opens the in-memory engine: for unit tests, never production (nothing outlives the process). */
export const MEMORY_STORAGE_URL = 'memory:';

/**
 * The one place an engine is chosen and a connection opened, for web, collab, the CLI and the
 * benchmarks: `postgres://` opens PostgreSQL, `memory:` a fresh in-memory store (tests), anything
 * else the SQLite file (the default). The schema is brought up to date before this resolves.
 */
export async function openStorage(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, options: StorageOptions = {}): Promise<Storage> {
  if (isPostgresUrl(url)) return createPgStorage(await openPgPool(url), options);
  if (url === MEMORY_STORAGE_URL) return createMemoryStorage().storage;
  return createSqliteStorage(openDatabase(url), options);
}

/**
 * Puts a verified SQLite backup in place of the file `url` names (Scriptorium must be stopped; the
 * replaced file is kept beside it). PostgreSQL restores with its own tools.
 */
export function restoreBackup(url: string, backup: string): { target: string; keptAs: string | null } {
  if (isPostgresUrl(url)) throw new Error('restore replaces the SQLite file; for PostgreSQL use pg_restore (see the README)');
  if (url === MEMORY_STORAGE_URL) throw new Error('the memory engine keeps no file to restore');
  const target = sqlitePathFromUrl(url);
  return { target, ...restoreDatabase(backup, target) };
}
