import type { Storage, StorageOptions } from '../storage';
import { createPgCommentStore } from './comment-store';
import type { PgPool } from './connect';
import { createPgDocumentStore } from './documents';
import { createPgDraftStore } from './drafts';
import { createPgManuscriptStore } from './manuscripts';
import { createPgMemberStore } from './members';
import { createPgNotificationStore } from './notifications';
import { createPgUserStore } from './users';

/** The scale-out engine: every store on one PostgreSQL pool (migrated by openPgPool); close flushes the log and ends the pool. */
export function createPgStorage(pool: PgPool, options: StorageOptions = {}): Storage {
  const documents = createPgDocumentStore(pool, options);
  return {
    engine: 'postgres',
    users: createPgUserStore(pool),
    manuscripts: createPgManuscriptStore(pool),
    members: createPgMemberStore(pool),
    drafts: createPgDraftStore(pool),
    documents,
    comments: createPgCommentStore(pool),
    notifications: createPgNotificationStore(pool),
    async ping() {
      await pool.query('SELECT 1');
    },
    backup: () => Promise.reject(new Error('backup copies the SQLite file; for PostgreSQL use pg_dump (see the README)')),
    async close() {
      await documents.close();
      await pool.end();
    },
  };
}
