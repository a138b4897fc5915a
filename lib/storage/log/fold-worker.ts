import { parentPort } from 'node:worker_threads';
import { foldRows, type Folded } from './fold';
import type { StoredUpdate } from '../records';

export type FoldRequest = { id: number; rows: StoredUpdate[] };
export type FoldReply = { id: number; ok: true; folded: Folded } | { id: number; ok: false; error: string };

/** Folds a manuscript's stored rows off the event loop: replaying, encoding and counting a novel takes a while. */
parentPort?.on('message', (message: FoldRequest) => {
  try {
    const folded = foldRows(message.rows);
    parentPort!.postMessage({ id: message.id, ok: true, folded } satisfies FoldReply, [folded.state.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message } satisfies FoldReply);
  }
});
