import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The bundled worker beside the built server; in development and tests, the TypeScript source
 * through tsx's require hook. `dir` is the caller's __dirname: the worker sits beside it.
 */
function startWorker(name: string, dir: string, workerData: unknown): Worker {
  // URLs, not path.join: Next's bundler would otherwise try to trace (and bundle) every file a joined path might name.
  const base = pathToFileURL(`${dir}/`);
  const built = new URL(`./${name}.mjs`, base);
  if (fs.existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  const source = fileURLToPath(new URL(`./${name}.ts`, base));
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData });
}

type Reply = { id: number; ok: true } | { id: number; ok: false; error: string };
/** A request as the caller writes it: the id is added here. Distributes over unions. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Request/response over one worker thread, started on first use and unref'd so it never keeps the
 * process alive. A worker that dies fails what was waiting on it; the next request starts a new one.
 */
export class WorkerRpc<Request extends { id: number }, Response extends Reply> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: Response) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly name: string,
    private readonly dir: string,
    private readonly workerData?: unknown,
  ) {}

  request(message: WithoutId<Request>, transfer: ArrayBuffer[] = []): Promise<Extract<Response, { ok: true }>> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        resolve: (reply) => (reply.ok ? resolve(reply as Extract<Response, { ok: true }>) : reject(new Error((reply as { error: string }).error))),
        reject,
      });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.name, this.dir, this.workerData);
    worker.unref();
    worker.on('message', (reply: Response) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error(`${this.name} stopped`));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
