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
import { foldRows, type Folded } from './fold';
import { FoldWorker } from './fold-pool';
import { GroupCommitter, type CommitReport } from './group-commit';
import type { LogWriterReply, LogWriterRequest } from './log-writer-worker';
import type { Persistence, StoredUpdate } from './persistence';
import { WorkerRpc } from './worker-rpc';

export interface SqlitePersistenceOptions {
  /** At most one commit starts per window; see GroupCommitter. */
  commitWindowMs: number;
  onCommit?: (report: CommitReport) => void;
  /**
   * Write the log and fold snapshots on worker threads (the default for a database file), so no
   * fsync or replay ever waits on the event loop; false does both inline, for comparison benchmarks.
   */
  offThread?: boolean;
}

interface Checkpoint {
  manuscriptId: string;
  name: string;
  changedBy: string[];
  state: Uint8Array;
  wordCount: number;
}

interface LogWrites {
  appendAll(entries: PendingAppend[]): number[] | Promise<number[]>;
  readRows(manuscriptId: string): StoredUpdate[] | Promise<StoredUpdate[]>;
  saveCheckpoint(checkpoint: Checkpoint): void | Promise<void>;
  fold(manuscriptId: string, snapshot: Uint8Array, throughSeq: number, wordCount: number): void | Promise<void>;
  foldRows(rows: StoredUpdate[]): Folded | Promise<Folded>;
  close(): Promise<void>;
}

function saveCheckpointRow(db: Db, { manuscriptId, name, changedBy, state, wordCount }: Checkpoint): void {
  insertDraft(db, { manuscriptId, kind: 'checkpoint', name, createdBy: null, changedBy: changedBy.join(', '), wordCount, state });
  const checkpoints = listDrafts(db, manuscriptId).filter((draft) => draft.kind === 'checkpoint');
  deleteDrafts(db, manuscriptId, checkpointsToDrop(checkpoints));
}

function inlineWrites(db: Db): LogWrites {
  const log = createUpdateLogWriter(db);
  return { appendAll: log.appendAll, readRows: log.readRows, saveCheckpoint: (checkpoint) => saveCheckpointRow(db, checkpoint), fold: log.fold, foldRows, close: async () => {} };
}

function workerWrites(db: Db): LogWrites {
  const writer = new WorkerRpc<LogWriterRequest, LogWriterReply>('log-writer-worker', { databaseUrl: `file:${db.$client.name}` });
  const folder = new FoldWorker();
  return {
    appendAll: async (entries) => (await writer.request({ kind: 'append', entries })).seqs!,
    readRows: async (manuscriptId) => (await writer.request({ kind: 'read', manuscriptId })).rows!,
    saveCheckpoint: async (checkpoint) => {
      await writer.request({ kind: 'checkpoint', ...checkpoint }, [checkpoint.state.buffer as ArrayBuffer]);
    },
    fold: async (manuscriptId, snapshot, throughSeq, wordCount) => {
      await writer.request({ kind: 'fold', manuscriptId, snapshot, throughSeq, wordCount });
    },
    foldRows: (rows) => folder.fold(rows),
    close: async () => {
      await writer.close();
      await folder.close();
    },
  };
}

/** Persistence over the shared SQLite database; appends are group-committed, one transaction (one fsync) per batch. */
export function createSqlitePersistence(db: Db, options: SqlitePersistenceOptions = { commitWindowMs: 0 }): Persistence {
  const offThread = (options.offThread ?? true) && !db.$client.memory;
  const writes = offThread ? workerWrites(db) : inlineWrites(db);
  const reads = createUpdateLogWriter(db);
  const appends = new GroupCommitter<PendingAppend, number>((batch) => writes.appendAll(batch), {
    windowMs: options.commitWindowMs,
    onCommit: options.onCommit,
  });

  return {
    async load(manuscriptId) {
      const manuscript = getManuscript(db, manuscriptId);
      if (!manuscript || manuscript.deletedAt) return { status: 'missing' };
      if (manuscript.quarantinedAt) return { status: 'quarantined', reason: manuscript.quarantineReason ?? 'quarantined' };
      return { status: 'ok', rows: reads.readRows(manuscriptId) };
    },
    async append(manuscriptId, bytes, editorId) {
      await appends.submit({ manuscriptId, bytes, editorId });
    },
    async compact(manuscriptId) {
      await appends.drained();
      const rows = await writes.readRows(manuscriptId);
      if (rows.length <= 1) return;
      const folded = await writes.foldRows(rows);
      // Rows appended while the fold ran have higher seqs and stay; exactly the rows read are replaced.
      await writes.fold(manuscriptId, folded.state, folded.throughSeq, folded.wordCount);
    },
    async quarantine(manuscriptId, reason) {
      quarantineManuscript(db, manuscriptId, reason);
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      await appends.drained();
      const folded = await writes.foldRows(await writes.readRows(manuscriptId));
      await writes.saveCheckpoint({ manuscriptId, name: checkpoint.name, changedBy: checkpoint.changedBy, state: folded.state, wordCount: folded.wordCount });
    },
    async loadDraft(manuscriptId, draftId) {
      const draft = getDraft(db, manuscriptId, draftId);
      return draft ? { name: draft.name, state: new Uint8Array(draft.state) } : null;
    },
    flush: () => appends.flushNow(),
    close: () => writes.close(),
  };
}
