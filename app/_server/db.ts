import 'server-only';
import { openDatabase, type Db } from '@/lib/db';

const holder = globalThis as unknown as { scriptoriumDb?: Db };

/** The web process's one database handle, opened on first use. */
export function getDb(): Db {
  holder.scriptoriumDb ??= openDatabase(process.env.DATABASE_URL);
  return holder.scriptoriumDb;
}
