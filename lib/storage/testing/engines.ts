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
import { memoryStoredRows, pgStoredRows, sqliteStoredRows, type StoredRows } from './stored-rows';

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

/** Seeds and inspects any engine through its stored rows, the same way on all three. */
function seedingThrough(stored: StoredRows): Pick<TestEngine, 'seedManuscript' | 'seedMember' | 'setDeleted' | 'rowCount' | 'wordCount'> {
  return {
    async seedManuscript(manuscriptId = newId()) {
      await stored.insert('manuscripts', { id: manuscriptId, title: 'Test' });
      return manuscriptId;
    },
    async seedMember(manuscriptId, userId, role) {
      const known = (await stored.select('users', { id: userId })).length > 0;
      if (!known) await stored.insert('users', { id: userId, email: `${userId}@example.test`, name: userId, color: '#336699' });
      await stored.insert('memberships', { manuscript_id: manuscriptId, user_id: userId, role });
    },
    setDeleted: (manuscriptId) => stored.update('manuscripts', { deleted_at: Date.now() }, { id: manuscriptId }),
    rowCount: async (id) => (await stored.select('document_updates', { manuscript_id: id })).length,
    wordCount: async (id) => Number((await stored.select('manuscripts', { id }))[0]?.word_count ?? 0),
  };
}

export async function openSqliteEngine(): Promise<TestEngine> {
  const test = openTestSqlite();
  const opened: Storage[] = [];
  return {
    name: 'sqlite',
    async storage(options) {
      const storage = createSqliteStorage(openDatabase(test.url), { commitWindowMs: 0, ...options });
      opened.push(storage);
      return storage;
    },
    ...seedingThrough(sqliteStoredRows(test.db)),
    async close() {
      for (const storage of opened) await storage.close();
      test.close();
    },
  };
}

/** A fresh schema in the machine's PostgreSQL, dropped on close, so parallel runs never meet. */
export async function openPostgresEngine(): Promise<TestEngine> {
  const test = await openTestPgSchema();
  const opened: Storage[] = [];
  return {
    name: 'postgres',
    async storage(options) {
      const storage = createPgStorage(await openPgPool(TEST_POSTGRES_URL, { schema: test.schema }), { commitWindowMs: 0, ...options });
      opened.push(storage);
      return storage;
    },
    ...seedingThrough(pgStoredRows(test.pool)),
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
    ...seedingThrough(memoryStoredRows(memory.tables)),
    close: () => memory.storage.close(),
  };
}
