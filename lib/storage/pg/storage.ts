import type { Storage } from '../storage';
import { createPgCommentStore } from './comment-store';
import type { PgPool } from './connect';
import { createPgDocumentStore } from './documents';
import { createPgDraftStore } from './drafts';
import { createPgManuscriptStore } from './manuscripts';
import { createPgMemberStore } from './members';
import { createPgNotificationStore } from './notifications';
import { createPgUserStore } from './users';

/** The scale-out engine: every store on one PostgreSQL pool (migrated by openPgPool); close ends the pool. */
export function createPgStorage(pool: PgPool): Storage {
  return {
    engine: 'postgres',
    users: createPgUserStore(pool),
    manuscripts: createPgManuscriptStore(pool),
    members: createPgMemberStore(pool),
    drafts: createPgDraftStore(pool),
    documents: createPgDocumentStore(pool),
    comments: createPgCommentStore(pool),
    notifications: createPgNotificationStore(pool),
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
