/** What one commit did, for metrics. */
export interface CommitReport {
  jobs: number;
  durationMs: number;
}

export interface GroupCommitOptions {
  /**
   * At most one commit starts per window: under load, everything that arrives in it shares one
   * transaction (one fsync); when idle, a lone update commits at once.
   */
  windowMs: number;
  onCommit?: (report: CommitReport) => void;
}

interface Pending<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: jobs submitted while a commit is scheduled are written together by `commit`, in
 * submission order, in one transaction; every job's promise settles only after that transaction
 * returns, and a failed transaction rejects every job in it (nothing of it was stored).
 */
export class GroupCommitter<J, R> {
  private queue: Pending<J, R>[] = [];
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private lastCommitAt = -Infinity;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(
    private readonly commit: (jobs: J[]) => R[],
    private readonly options: GroupCommitOptions,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.queue.length === 0) this.idle = new Promise<void>((done) => (this.markIdle = done));
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  /** Commits whatever is queued now, without waiting for the window (shutdown, tests). */
  flushNow(): Promise<void> {
    if (this.scheduled) {
      clearTimeout(this.scheduled as NodeJS.Timeout);
      clearImmediate(this.scheduled as NodeJS.Immediate);
      this.scheduled = null;
    }
    this.run();
    return this.idle;
  }

  /** Resolves once every job submitted so far has been committed or rejected. */
  drained(): Promise<void> {
    return this.queue.length === 0 ? Promise.resolve() : this.idle;
  }

  get queued(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    const wait = this.lastCommitAt + this.options.windowMs - performance.now();
    this.scheduled = wait > 0 ? setTimeout(() => this.run(), wait) : setImmediate(() => this.run());
  }

  private run(): void {
    this.scheduled = null;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const markIdle = this.markIdle;
    const started = performance.now();
    this.lastCommitAt = started;
    let results: R[];
    try {
      results = this.commit(batch.map((pending) => pending.job));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      markIdle();
      return;
    }
    this.options.onCommit?.({ jobs: batch.length, durationMs: performance.now() - started });
    batch.forEach((pending, i) => pending.resolve(results[i]!));
    markIdle();
  }
}
