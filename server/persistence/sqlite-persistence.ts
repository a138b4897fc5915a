import { checkpointsToDrop } from '../../lib/drafts/retention';
import {
  createUpdateLogWriter,
  deleteDrafts,
  getDraft,
  getManuscript,
  insertDraft,
  listDrafts,
  quarantineManuscript,
  type Db,
  type PendingAppend,
} from '../../lib/db';
import { GroupCommitter, type CommitReport } from './group-commit';
import { foldRows } from './fold';
import type { Persistence } from './persistence';

export interface SqlitePersistenceOptions {
  /** At most one commit per window; see GroupCommitter. */
  commitWindowMs: number;
  onCommit?: (report: CommitReport) => void;
}

/** Persistence over the shared SQLite database; appends are group-committed, one transaction (one fsync) per batch. */
export function createSqlitePersistence(db: Db, options: SqlitePersistenceOptions = { commitWindowMs: 0 }): Persistence {
  const log = createUpdateLogWriter(db);
  const appends = new GroupCommitter<PendingAppend, number>((batch) => log.appendAll(batch), {
    windowMs: options.commitWindowMs,
    onCommit: options.onCommit,
  });

  return {
    async load(manuscriptId) {
      const manuscript = getManuscript(db, manuscriptId);
      if (!manuscript || manuscript.deletedAt) return { status: 'missing' };
      if (manuscript.quarantinedAt) return { status: 'quarantined', reason: manuscript.quarantineReason ?? 'quarantined' };
      return { status: 'ok', rows: log.readRows(manuscriptId) };
    },
    async append(manuscriptId, bytes, editorId) {
      await appends.submit({ manuscriptId, bytes, editorId });
    },
    async compact(manuscriptId) {
      await appends.drained();
      const rows = log.readRows(manuscriptId);
      if (rows.length <= 1) return;
      const folded = foldRows(rows);
      log.fold(manuscriptId, folded.state, folded.throughSeq, folded.wordCount);
    },
    async quarantine(manuscriptId, reason) {
      quarantineManuscript(db, manuscriptId, reason);
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      await appends.drained();
      const folded = foldRows(log.readRows(manuscriptId));
      insertDraft(db, { manuscriptId, kind: 'checkpoint', name: checkpoint.name, createdBy: null, changedBy: checkpoint.changedBy.join(', '), wordCount: folded.wordCount, state: folded.state });
      const checkpoints = listDrafts(db, manuscriptId).filter((draft) => draft.kind === 'checkpoint');
      deleteDrafts(db, manuscriptId, checkpointsToDrop(checkpoints));
    },
    async loadDraft(manuscriptId, draftId) {
      const draft = getDraft(db, manuscriptId, draftId);
      return draft ? { name: draft.name, state: new Uint8Array(draft.state) } : null;
    },
    flush: () => appends.flushNow(),
  };
}
