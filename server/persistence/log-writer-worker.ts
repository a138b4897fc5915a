import { parentPort, workerData } from 'node:worker_threads';
import { checkpointsToDrop } from '../../lib/drafts/retention';
import { createUpdateLogWriter, deleteDrafts, insertDraft, listDrafts, openDatabase, type PendingAppend, type StoredUpdate } from '../../lib/db';

export type LogWriterRequest =
  | { id: number; kind: 'append'; entries: PendingAppend[] }
  | { id: number; kind: 'read'; manuscriptId: string }
  | { id: number; kind: 'fold'; manuscriptId: string; snapshot: Uint8Array; throughSeq: number; wordCount: number }
  | { id: number; kind: 'checkpoint'; manuscriptId: string; name: string; changedBy: string[]; state: Uint8Array; wordCount: number };

export type LogWriterReply = { id: number; ok: true; seqs?: number[]; rows?: StoredUpdate[] } | { id: number; ok: false; error: string };

/**
 * The manuscript store's writer on its own thread: each batch of updates is one transaction, and
 * its fsync (and the reads and writes of whole-manuscript snapshots) waits here, never on the event
 * loop that relays keystrokes.
 */
const db = openDatabase((workerData as { databaseUrl: string }).databaseUrl);
const log = createUpdateLogWriter(db);

function handle(request: LogWriterRequest): { reply: LogWriterReply; transfer: ArrayBuffer[] } {
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
      const { manuscriptId, name, changedBy, state, wordCount } = request;
      insertDraft(db, { manuscriptId, kind: 'checkpoint', name, createdBy: null, changedBy: changedBy.join(', '), wordCount, state });
      const checkpoints = listDrafts(db, manuscriptId).filter((draft) => draft.kind === 'checkpoint');
      deleteDrafts(db, manuscriptId, checkpointsToDrop(checkpoints));
      return { reply: { id: request.id, ok: true }, transfer: [] };
    }
  }
}

parentPort?.on('message', (request: LogWriterRequest) => {
  try {
    const { reply, transfer } = handle(request);
    parentPort!.postMessage(reply, transfer);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, error: (error as Error).message } satisfies LogWriterReply);
  }
});
