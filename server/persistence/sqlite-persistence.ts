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
import { FoldWorker } from './fold-pool';
import type { Persistence, StoredUpdate } from './persistence';

export interface SqlitePersistenceOptions {
  /** At most one commit per window; see GroupCommitter. */
  commitWindowMs: number;
  onCommit?: (report: CommitReport) => void;
  /** Fold on a worker thread (the default); false folds on the event loop, for comparison in bench:compaction. */
  foldOffThread?: boolean;
}

/** Persistence over the shared SQLite database; appends are group-committed, one transaction (one fsync) per batch. */
export function createSqlitePersistence(db: Db, options: SqlitePersistenceOptions = { commitWindowMs: 0 }): Persistence {
  const log = createUpdateLogWriter(db);
  const folder = options.foldOffThread === false ? { fold: async (rows: StoredUpdate[]) => foldRows(rows), close: async () => {} } : new FoldWorker();
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
      const folded = await folder.fold(rows);
      // Rows appended while the worker folded have higher seqs and stay; exactly the rows read are replaced.
      log.fold(manuscriptId, folded.state, folded.throughSeq, folded.wordCount);
    },
    async quarantine(manuscriptId, reason) {
      quarantineManuscript(db, manuscriptId, reason);
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      await appends.drained();
      const folded = await folder.fold(log.readRows(manuscriptId));
      insertDraft(db, { manuscriptId, kind: 'checkpoint', name: checkpoint.name, createdBy: null, changedBy: checkpoint.changedBy.join(', '), wordCount: folded.wordCount, state: folded.state });
      const checkpoints = listDrafts(db, manuscriptId).filter((draft) => draft.kind === 'checkpoint');
      deleteDrafts(db, manuscriptId, checkpointsToDrop(checkpoints));
    },
    async loadDraft(manuscriptId, draftId) {
      const draft = getDraft(db, manuscriptId, draftId);
      return draft ? { name: draft.name, state: new Uint8Array(draft.state) } : null;
    },
    flush: () => appends.flushNow(),
    close: () => folder.close(),
  };
}
