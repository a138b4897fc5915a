import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './connection';

/** Checks a SQLite file is whole and is a Scriptorium database; throws with the reason if not. */
export function verifyBackup(file: string): { manuscripts: number; users: number } {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { manuscripts: count('manuscripts'), users: count('users') };
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) throw new Error(`${file} is not a Scriptorium database`);
    throw error;
  } finally {
    copy.close();
  }
}

/**
 * An online backup: SQLite's backup API copies a consistent snapshot page by page while web and
 * collab keep writing. The copy is verified before this returns.
 */
export async function backupDatabase(db: Db, out: string): Promise<{ manuscripts: number; users: number }> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const partial = `${out}.partial`;
  await db.$client.backup(partial);
  // A single self-contained file: the copy leaves WAL mode, so no -wal or -shm ever travels with it.
  const copy = new Database(partial);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const counts = verifyBackup(partial);
  fs.renameSync(partial, out);
  return counts;
}

/**
 * Puts a verified backup in place of the database file (Scriptorium must be stopped). The file it
 * replaces is kept beside it, never deleted. Returns where the old file went, if there was one.
 */
export function restoreDatabase(backup: string, target: string, now = new Date()): { keptAs: string | null } {
  verifyBackup(backup);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    // Fold the old file's WAL in first, so what is kept aside is whole on its own.
    const old = new Database(target);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    keptAs = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, keptAs);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.copyFileSync(backup, target);
  return { keptAs };
}
