import type { Role } from '../../domain/roles';
import { createMemoryStorage } from '../memory/storage';
import { openPgPool } from '../pg/connect';
import { createPgStorage } from '../pg/storage';
import { openTestPgSchema, TEST_POSTGRES_URL } from '../pg/test-database';
import { newId } from '../secrets';
import { openDatabase } from '../sqlite/connection';
import { createSqliteStorage } from '../sqlite/storage';
import { openTestSqlite } from '../sqlite/test-database';
import type { Storage, StorageOptions } from '../storage';

export { TEST_POSTGRES_URL };

/** One storage engine as the collab server sees it, with what a test needs to seed and inspect it. */
export interface TestEngine {
  name: 'sqlite' | 'postgres' | 'memory';
  /** A new storage over the same store, as a second instance would open it (closed with the engine). */
  storage(options?: StorageOptions): Promise<Storage>;
  seedMember(manuscriptId: string, userId: string, role: Role): Promise<void>;
  seedManuscript(manuscriptId?: string): Promise<string>;
  setDeleted(manuscriptId: string): Promise<void>;
  rowCount(manuscriptId: string): Promise<number>;
  wordCount(manuscriptId: string): Promise<number>;
  close(): Promise<void>;
}

export async function openSqliteEngine(): Promise<TestEngine> {
  const test = openTestSqlite();
  const opened: Storage[] = [];
  const run = (sql: string, ...args: unknown[]) => test.db.$client.prepare(sql).run(...args);
  const count = (sql: string, id: string) => (test.db.$client.prepare(sql).get(id) as { n: number }).n;
  return {
    name: 'sqlite',
    async storage(options) {
      const storage = createSqliteStorage(openDatabase(test.url), { commitWindowMs: 0, ...options });
      opened.push(storage);
      return storage;
    },
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
    rowCount: async (id) => count('SELECT count(*) AS n FROM document_updates WHERE manuscript_id = ?', id),
    wordCount: async (id) => count('SELECT word_count AS n FROM manuscripts WHERE id = ?', id),
    async close() {
      for (const storage of opened) await storage.close();
      test.close();
    },
  };
}

/** A fresh schema in the machine's PostgreSQL, dropped on close, so parallel runs never meet. */
export async function openPostgresEngine(): Promise<TestEngine> {
  const test = await openTestPgSchema();
  const { pool } = test;
  const opened: Storage[] = [];
  const count = async (sql: string, id: string) => Number((await pool.query<{ n: number }>(sql, [id])).rows[0]?.n ?? 0);
  return {
    name: 'postgres',
    async storage(options) {
      const storage = createPgStorage(await openPgPool(TEST_POSTGRES_URL, { schema: test.schema }), { commitWindowMs: 0, ...options });
      opened.push(storage);
      return storage;
    },
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
      for (const storage of opened) await storage.close();
      await test.drop();
    },
  };
}

/** The memory engine: one process, so every "instance" shares the one store. */
export async function openMemoryEngine(): Promise<TestEngine> {
  const memory = createMemoryStorage();
  return {
    name: 'memory',
    storage: async () => memory.storage,
    async seedManuscript(manuscriptId = newId()) {
      memory.create(manuscriptId);
      return manuscriptId;
    },
    seedMember: async (manuscriptId, userId, role) => memory.setRole(manuscriptId, userId, role),
    setDeleted: (manuscriptId) => memory.storage.manuscripts.trash(manuscriptId),
    rowCount: async (id) => memory.rows(id).length,
    wordCount: async (id) => memory.wordCount(id) ?? 0,
    close: () => memory.storage.close(),
  };
}
