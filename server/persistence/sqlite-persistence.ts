import { checkpointsToDrop } from '../../lib/drafts/retention';
import {
  appendUpdate,
  deleteDrafts,
  getDraft,
  insertDraft,
  listDrafts,
  compactUpdates,
  getManuscript,
  quarantineManuscript,
  readUpdates,
  recordWordCount,
  type Db,
} from '../../lib/db';
import type { Persistence } from './persistence';

/** Persistence over the shared SQLite database (better-sqlite3 is synchronous, so each call is durable on return). */
export function createSqlitePersistence(db: Db): Persistence {
  return {
    async load(manuscriptId) {
      const manuscript = getManuscript(db, manuscriptId);
      if (!manuscript || manuscript.deletedAt) return { status: 'missing' };
      if (manuscript.quarantinedAt) return { status: 'quarantined', reason: manuscript.quarantineReason ?? 'quarantined' };
      return { status: 'ok', rows: readUpdates(db, manuscriptId) };
    },
    async append(manuscriptId, update, editorId) {
      return appendUpdate(db, manuscriptId, update, editorId);
    },
    async compact(manuscriptId, snapshot, throughSeq, wordCount) {
      compactUpdates(db, manuscriptId, snapshot, throughSeq);
      recordWordCount(db, manuscriptId, wordCount);
    },
    async quarantine(manuscriptId, reason) {
      quarantineManuscript(db, manuscriptId, reason);
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      insertDraft(db, { manuscriptId, kind: 'checkpoint', name: checkpoint.name, createdBy: null, changedBy: checkpoint.changedBy.join(', '), wordCount: checkpoint.wordCount, state: checkpoint.state });
      const checkpoints = listDrafts(db, manuscriptId).filter((draft) => draft.kind === 'checkpoint');
      deleteDrafts(db, manuscriptId, checkpointsToDrop(checkpoints));
    },
    async loadDraft(manuscriptId, draftId) {
      const draft = getDraft(db, manuscriptId, draftId);
      return draft ? { name: draft.name, state: new Uint8Array(draft.state) } : null;
    },
  };
}
