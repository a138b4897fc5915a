import { DEFAULT_DATABASE_URL, openDatabase } from '../db/connection';
import { isPostgresUrl } from './pg/connect';
import { createSqliteStorage } from './sqlite';
import type { Storage } from './storage';

/** Opens the store DATABASE_URL names (`file:` SQLite, the default, or `postgres://`), its schema brought up to date. */
export async function openStorage(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Promise<Storage> {
  if (isPostgresUrl(url)) throw new Error('DATABASE_URL: PostgreSQL storage for the web app is not wired yet');
  return createSqliteStorage(openDatabase(url));
}
