import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Folded } from './fold';
import type { StoredUpdate } from './persistence';

type Reply = { id: number; ok: true; folded: Folded } | { id: number; ok: false; error: string };

/** The bundled worker beside the built server; in development and tests, the TypeScript source through tsx's require hook. */
function startWorker(): Worker {
  const built = new URL('./fold-worker.mjs', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return new Worker(built);
  const source = fileURLToPath(new URL('./fold-worker.ts', import.meta.url));
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true });
}

/**
 * One worker thread that folds stored rows into snapshots (compaction, checkpoints), so a
 * 100,000-word manuscript's replay and word count never stall other rooms' keystrokes.
 * Started on first use; unref'd so it never keeps the process alive.
 */
export class FoldWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (folded: Folded) => void; reject: (error: Error) => void }>();

  fold(rows: StoredUpdate[]): Promise<Folded> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<Folded>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, rows });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiter) return;
      if (reply.ok) waiter.resolve({ ...reply.folded, state: new Uint8Array(reply.folded.state) });
      else waiter.reject(new Error(reply.error));
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('fold worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
