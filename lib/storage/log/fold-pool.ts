import type { Folded } from './fold';
import type { FoldReply, FoldRequest } from './fold-worker';
import type { StoredUpdate } from '../records';
import { WorkerRpc } from './worker-rpc';

/**
 * Folds stored rows into snapshots (compaction, checkpoints) on a worker thread, so a
 * 100,000-word manuscript's replay and word count never stall other rooms' keystrokes.
 */
export class FoldWorker {
  private readonly rpc = new WorkerRpc<FoldRequest, FoldReply>('fold-worker', __dirname);

  async fold(rows: StoredUpdate[]): Promise<Folded> {
    // The rows' buffers move to the worker rather than being copied.
    const { folded } = await this.rpc.request({ rows }, rows.map((row) => row.bytes.buffer as ArrayBuffer));
    return { ...folded, state: new Uint8Array(folded.state) };
  }

  close(): Promise<void> {
    return this.rpc.close();
  }
}

/**
 * Folds on this thread instead (offThread: false, for comparison benchmarks). The fold and Yjs load
 * on first use, so a process that never folds (web, the CLI) never loads them.
 */
export async function foldHere(rows: StoredUpdate[]): Promise<Folded> {
  return (await import('./fold')).foldRows(rows);
}
