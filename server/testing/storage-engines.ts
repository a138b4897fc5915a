import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../lib/access/roles';
import { openDatabase } from '../../lib/db';
import { newId } from '../../lib/db/ids';
import { openPgPool, type PgPool } from '../../lib/storage/pg/connect';
import { TEST_POSTGRES_URL } from '../../lib/storage/pg/test-database';
import { createPgRoleSource, createSqliteRoleSource, type RoleSource } from '../auth/roles';
import type { Persistence } from '../persistence/persistence';
import { createPgPersistence } from '../persistence/pg-persistence';
import { createSqlitePersistence } from '../persistence/sqlite-persistence';

export { TEST_POSTGRES_URL };

/** One storage engine as the collab server sees it, with what a test needs to seed and inspect it. */
export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A new persistence over the same store, as a second instance would open. */
  persistence(options?: { commitWindowMs?: number }): Persistence;
  roles: RoleSource;
  seedMember(manuscriptId: string, userId: string, role: Role): Promise<void>;
  seedManuscript(manuscriptId?: string): Promise<string>;
  setDeleted(manuscriptId: string): Promise<void>;
  rowCount(manuscriptId: string): Promise<number>;
  wordCount(manuscriptId: string): Promise<number>;
  close(): Promise<void>;
}

export async function openSqliteEngine(): Promise<TestEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-engine-'));
  const db = openDatabase(`file:${path.join(dir, 'test.db')}`);
  const opened: Persistence[] = [];
  const run = (sql: string, ...args: unknown[]) => db.$client.prepare(sql).run(...args);
  return {
    name: 'sqlite',
    persistence: (options) => {
      const persistence = createSqlitePersistence(db, { commitWindowMs: options?.commitWindowMs ?? 0 });
      opened.push(persistence);
      return persistence;
    },
    roles: createSqliteRoleSource(db),
    async seedManuscript(manuscriptId = newId()) {
      run('INSERT INTO manuscripts (id, title) VALUES (?, ?)', manuscriptId, 'Test');
      return manuscriptId;
    },
    async seedMember(manuscriptId, userId, role) {
      run('INSERT OR IGNORE INTO users (id, email, name, color) VALUES (?, ?, ?, ?)', userId, `${userId}@example.test`, userId, '#336699');
      run('INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, ?)', manuscriptId, userId, role);
    },
    async setDeleted(manuscriptId) {
      run('UPDATE manuscripts SET deleted_at = ? WHERE id = ?', Date.now(), manuscriptId);
    },
    async rowCount(manuscriptId) {
      return (db.$client.prepare('SELECT count(*) AS n FROM document_updates WHERE manuscript_id = ?').get(manuscriptId) as { n: number }).n;
    },
    async wordCount(manuscriptId) {
      return (db.$client.prepare('SELECT word_count AS n FROM manuscripts WHERE id = ?').get(manuscriptId) as { n: number }).n;
    },
    async close() {
      for (const persistence of opened) await persistence.close?.();
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema in the machine's PostgreSQL, dropped on close, so parallel runs never meet. */
export async function openPostgresEngine(): Promise<TestEngine> {
  const schema = `test_${newId(10)}`;
  const pool: PgPool = await openPgPool(TEST_POSTGRES_URL, { schema });
  const opened: Persistence[] = [];
  const count = async (sql: string, id: string) => Number((await pool.query<{ n: number }>(sql, [id])).rows[0]?.n ?? 0);
  return {
    name: 'postgres',
    persistence: (options) => {
      const persistence = createPgPersistence(pool, { commitWindowMs: options?.commitWindowMs ?? 0 });
      opened.push(persistence);
      return persistence;
    },
    roles: createPgRoleSource(pool),
    async seedManuscript(manuscriptId = newId()) {
      await pool.query('INSERT INTO manuscripts (id, title) VALUES ($1, $2)', [manuscriptId, 'Test']);
      return manuscriptId;
    },
    async seedMember(manuscriptId, userId, role) {
      await pool.query('INSERT INTO users (id, email, name, color) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [userId, `${userId}@example.test`, userId, '#336699']);
      await pool.query('INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, $2, $3)', [manuscriptId, userId, role]);
    },
    async setDeleted(manuscriptId) {
      await pool.query('UPDATE manuscripts SET deleted_at = $1 WHERE id = $2', [Date.now(), manuscriptId]);
    },
    rowCount: (id) => count('SELECT count(*) AS n FROM document_updates WHERE manuscript_id = $1', id),
    wordCount: (id) => count('SELECT word_count AS n FROM manuscripts WHERE id = $1', id),
    async close() {
      for (const persistence of opened) await persistence.close?.();
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}
