import type { Folded } from '../log/fold';
import { foldHere, FoldWorker } from '../log/fold-pool';
import { storeCheckpoint, type NewCheckpoint } from '../log/checkpoints';
import { GroupCommitter, type PendingAppend } from '../log/group-commit';
import { WorkerRpc } from '../log/worker-rpc';
import type { StoredUpdate } from '../records';
import type { DocumentStore, StorageOptions } from '../storage';
import type { Db } from './connection';
import { createUpdateLogWriter, sqliteCheckpointRows } from './document-log';
import type { LogWriterReply, LogWriterRequest } from './log-writer-worker';
import { getManuscript } from './manuscripts';

/** The log's writes, inline or on the writer thread; the same calls either way. */
interface LogWrites {
  appendAll(entries: PendingAppend[]): number[] | Promise<number[]>;
  readRows(manuscriptId: string): StoredUpdate[] | Promise<StoredUpdate[]>;
  saveCheckpoint(checkpoint: NewCheckpoint): void | Promise<void>;
  fold(manuscriptId: string, snapshot: Uint8Array, throughSeq: number, wordCount: number): void | Promise<void>;
  foldRows(rows: StoredUpdate[]): Folded | Promise<Folded>;
  close(): Promise<void>;
}

function inlineWrites(db: Db): LogWrites {
  const log = createUpdateLogWriter(db);
  const checkpoints = sqliteCheckpointRows(db);
  return { appendAll: log.appendAll, readRows: log.readRows, saveCheckpoint: (checkpoint) => storeCheckpoint(checkpoints, checkpoint), fold: log.fold, foldRows: foldHere, close: async () => {} };
}

function workerWrites(db: Db): LogWrites {
  const writer = new WorkerRpc<LogWriterRequest, LogWriterReply>('log-writer-worker', __dirname, { databaseUrl: `file:${db.$client.name}` });
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

/**
 * The document log on SQLite. Appends are group-committed, one transaction (one fsync) per batch;
 * for a database file, the writes and folds run on worker threads so no fsync or replay ever waits
 * on the event loop (offThread: false does both inline, for comparison benchmarks).
 */
export function createSqliteDocumentStore(db: Db, options: StorageOptions = {}): DocumentStore & { close(): Promise<void> } {
  const offThread = (options.offThread ?? true) && !db.$client.memory;
  const writes = offThread ? workerWrites(db) : inlineWrites(db);
  const reads = createUpdateLogWriter(db);
  const appends = new GroupCommitter<PendingAppend, number>((batch) => writes.appendAll(batch), {
    windowMs: options.commitWindowMs ?? 0,
    onCommit: options.onCommit,
  });

  return {
    readUpdates: async (manuscriptId) => reads.readRows(manuscriptId),
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
    async saveCheckpoint(manuscriptId, checkpoint) {
      await appends.drained();
      const folded = await writes.foldRows(await writes.readRows(manuscriptId));
      await writes.saveCheckpoint({ manuscriptId, name: checkpoint.name, changedBy: checkpoint.changedBy, state: folded.state, wordCount: folded.wordCount });
    },
    flush: () => appends.flushNow(),
    close: async () => {
      await appends.flushNow();
      await writes.close();
    },
  };
}
