import { parentPort, workerData } from 'node:worker_threads';
import { storeCheckpoint, type NewCheckpoint } from '../log/checkpoints';
import type { PendingAppend } from '../log/group-commit';
import type { StoredUpdate } from '../records';
import { openDatabase } from './connection';
import { createUpdateLogWriter, sqliteCheckpointRows } from './document-log';

export type LogWriterRequest =
  | { id: number; kind: 'append'; entries: PendingAppend[] }
  | { id: number; kind: 'read'; manuscriptId: string }
  | { id: number; kind: 'fold'; manuscriptId: string; snapshot: Uint8Array; throughSeq: number; wordCount: number }
  | ({ id: number; kind: 'checkpoint' } & NewCheckpoint);

export type LogWriterReply = { id: number; ok: true; seqs?: number[]; rows?: StoredUpdate[] } | { id: number; ok: false; error: string };

/**
 * The manuscript store's writer on its own thread: each batch of updates is one transaction, and
 * its fsync (and the reads and writes of whole-manuscript snapshots) waits here, never on the event
 * loop that relays keystrokes.
 */
const db = openDatabase((workerData as { databaseUrl: string }).databaseUrl);
const log = createUpdateLogWriter(db);
const checkpoints = sqliteCheckpointRows(db);

async function handle(request: LogWriterRequest): Promise<{ reply: LogWriterReply; transfer: ArrayBuffer[] }> {
  switch (request.kind) {
    case 'append':
      return { reply: { id: request.id, ok: true, seqs: log.appendAll(request.entries) }, transfer: [] };
    case 'read': {
      const rows = log.readRows(request.manuscriptId);
      return { reply: { id: request.id, ok: true, rows }, transfer: rows.map((row) => row.bytes.buffer as ArrayBuffer) };
    }
    case 'fold':
      log.fold(request.manuscriptId, request.snapshot, request.throughSeq, request.wordCount);
      return { reply: { id: request.id, ok: true }, transfer: [] };
    case 'checkpoint': {
      const { id: _id, kind: _kind, ...checkpoint } = request;
      await storeCheckpoint(checkpoints, checkpoint);
      return { reply: { id: request.id, ok: true }, transfer: [] };
    }
  }
}

parentPort?.on('message', (request: LogWriterRequest) => {
  handle(request).then(
    ({ reply, transfer }) => parentPort!.postMessage(reply, transfer),
    (error: unknown) => parentPort!.postMessage({ id: request.id, ok: false, error: (error as Error).message } satisfies LogWriterReply),
  );
});
