import 'server-only';
import { openStorage } from '@/lib/storage/open';
import type { Storage } from '@/lib/storage/storage';

const holder = globalThis as unknown as { scriptoriumStorage?: Promise<Storage> };

/** The web process's one storage (SQLite or PostgreSQL, by DATABASE_URL), opened on first use. */
export function getStorage(): Promise<Storage> {
  holder.scriptoriumStorage ??= openStorage(process.env.DATABASE_URL).catch((error: unknown) => {
    // A failed open (PostgreSQL still starting) is retried by the next request, not cached.
    holder.scriptoriumStorage = undefined;
    throw error;
  });
  return holder.scriptoriumStorage;
}
