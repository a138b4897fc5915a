/** One update waiting for the group commit that stores it. */
export interface PendingAppend {
  manuscriptId: string;
  bytes: Uint8Array;
  editorId?: string;
}

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
 * Group commit: jobs submitted while a commit is in flight or scheduled are written together by
 * `commit`, in submission order, in one transaction; every job's promise settles only after that
 * transaction returns, and a failed transaction rejects every job in it (nothing of it was stored).
 * `commit` may be synchronous or run elsewhere (a worker thread) and resolve later.
 */
export class GroupCommitter<J, R> {
  private queue: Pending<J, R>[] = [];
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private lastCommitAt = -Infinity;
  /** Settles when the newest job settles; jobs settle in submission order. */
  private lastSettled: Promise<void> = Promise.resolve();

  constructor(
    private readonly commit: (jobs: J[]) => R[] | Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(job: J): Promise<R> {
    const result = new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
    this.lastSettled = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Commits whatever is queued now, without waiting for the window (shutdown, tests), and resolves when all is done. */
  async flushNow(): Promise<void> {
    this.cancelSchedule();
    while (this.inFlight || this.queue.length > 0) {
      if (this.inFlight) await this.inFlight;
      else await this.run();
    }
  }

  /** Resolves once every job submitted so far has been committed or rejected. */
  drained(): Promise<void> {
    return this.lastSettled;
  }

  private cancelSchedule(): void {
    if (!this.scheduled) return;
    clearTimeout(this.scheduled as NodeJS.Timeout);
    clearImmediate(this.scheduled as NodeJS.Immediate);
    this.scheduled = null;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    const wait = this.lastCommitAt + this.options.windowMs - performance.now();
    this.scheduled = wait > 0 ? setTimeout(() => void this.run(), wait) : setImmediate(() => void this.run());
  }

  private run(): Promise<void> {
    this.scheduled = null;
    const batch = this.queue;
    if (batch.length === 0 || this.inFlight) return this.inFlight ?? Promise.resolve();
    this.queue = [];
    const started = performance.now();
    this.lastCommitAt = started;
    const settle = (results: R[] | null, error?: unknown) => {
      if (results) {
        this.options.onCommit?.({ jobs: batch.length, durationMs: performance.now() - started });
        batch.forEach((pending, i) => pending.resolve(results[i]!));
      } else {
        for (const pending of batch) pending.reject(error);
      }
    };
    let outcome: R[] | Promise<R[]>;
    try {
      outcome = this.commit(batch.map((pending) => pending.job));
    } catch (error) {
      settle(null, error);
      if (this.queue.length > 0) this.schedule();
      return Promise.resolve();
    }
    if (!(outcome instanceof Promise)) {
      settle(outcome);
      if (this.queue.length > 0) this.schedule();
      return Promise.resolve();
    }
    // Jobs arriving while this commit is in flight queue up and go together in the next one.
    this.inFlight = outcome.then(
      (results) => settle(results),
      (error: unknown) => settle(null, error),
    ).finally(() => {
      this.inFlight = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.inFlight;
  }
}
