import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

// Resolved from the project root: Next bundles this file, so __dirname would not point here.
export const MIGRATIONS_DIR = path.join(process.cwd(), 'lib', 'storage', 'sqlite', 'migrations');

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/**
 * Applies drizzle-kit's committed migrations in one IMMEDIATE transaction, so web and collab
 * starting together cannot both apply the same migration. Bookkeeping matches drizzle's own table.
 */
export function migrate(sqlite: Database.Database, dir: string = MIGRATIONS_DIR): void {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS __drizzle_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)',
    );
    const last = sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as
      | { created_at: number }
      | undefined;
    for (const entry of journal.entries) {
      if (last && Number(last.created_at) >= entry.when) continue;
      const text = fs.readFileSync(path.join(dir, `${entry.tag}.sql`), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) sqlite.exec(statement);
      }
      const hash = crypto.createHash('sha256').update(text).digest('hex');
      sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(hash, entry.when);
    }
  });
  apply.immediate();
}
