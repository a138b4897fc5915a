import {
  appendUpdate,
  compactUpdates,
  getManuscript,
  quarantineManuscript,
  readUpdates,
  type Db,
} from '../../lib/db';
import type { Persistence } from './persistence';

/** Persistence over the shared SQLite database (better-sqlite3 is synchronous, so each call is durable on return). */
export function createSqlitePersistence(db: Db): Persistence {
  return {
    async load(manuscriptId) {
      const manuscript = getManuscript(db, manuscriptId);
      if (!manuscript) return { status: 'missing' };
      if (manuscript.quarantinedAt) return { status: 'quarantined', reason: manuscript.quarantineReason ?? 'quarantined' };
      return { status: 'ok', rows: readUpdates(db, manuscriptId) };
    },
    async append(manuscriptId, update) {
      return appendUpdate(db, manuscriptId, update);
    },
    async compact(manuscriptId, snapshot, throughSeq) {
      compactUpdates(db, manuscriptId, snapshot, throughSeq);
    },
    async quarantine(manuscriptId, reason) {
      quarantineManuscript(db, manuscriptId, reason);
    },
  };
}
