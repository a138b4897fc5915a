import { parentPort } from 'node:worker_threads';
import { foldRows } from './fold';
import type { StoredUpdate } from './persistence';

/** Folds a manuscript's stored rows off the event loop: replaying, encoding and counting a novel takes a while. */
parentPort!.on('message', (message: { id: number; rows: StoredUpdate[] }) => {
  try {
    const folded = foldRows(message.rows);
    parentPort!.postMessage({ id: message.id, ok: true, folded }, [folded.state.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message });
  }
});
