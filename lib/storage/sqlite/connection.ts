import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { DEFAULT_DATABASE_URL } from '../../config/env';
import * as schema from './schema';
import { migrate } from './migrate';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };


/** Resolves `file:` URLs and bare paths to a file path; `:memory:` stays in memory. */
export function sqlitePathFromUrl(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  // openStorage sends postgres:// URLs to the PostgreSQL engine; reaching here with one is a caller's mistake.
  if (/^postgres(ql)?:/.test(url)) throw new Error(`not a SQLite URL: ${url}`);
  const filePath = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return path.resolve(filePath);
}

/** Opens (creating if needed) the SQLite database and brings its schema up to date. */
export function openDatabase(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  const file = sqlitePathFromUrl(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // Durability over speed: a stored update survives power loss, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(sqlite);
  return db;
}
