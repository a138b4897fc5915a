import { DEFAULT_DATABASE_URL, openDatabase } from '../db/connection';
import { isPostgresUrl, openPgPool } from './pg/connect';
import { createPgStorage } from './pg/storage';
import { createSqliteStorage } from './sqlite';
import type { Storage } from './storage';

/** Opens the store DATABASE_URL names (`file:` SQLite, the default, or `postgres://`), its schema brought up to date. */
export async function openStorage(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Promise<Storage> {
  if (isPostgresUrl(url)) return createPgStorage(await openPgPool(url));
  return createSqliteStorage(openDatabase(url));
}
