/** How `npm start` treats a child that dies: restart with backoff, give up on a crash loop. */
export interface RestartPolicy {
  /** Deaths of one child within `windowMs` after which the whole start gives up (exits non-zero). */
  maxDeaths: number;
  /** The window those deaths are counted in. */
  windowMs: number;
  /** Wait before the first restart; it doubles with each death still in the window. */
  initialBackoffMs: number;
  /** The longest wait before a restart. */
  maxBackoffMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxDeaths: 5, windowMs: 60_000, initialBackoffMs: 500, maxBackoffMs: 8_000 };

export type AfterDeath = { action: 'restart'; delayMs: number; deaths: number } | { action: 'give-up'; deaths: number };

/** The decision for one child: remembers when it died, and answers what to do after each death. */
export function createDeathCounter(policy: RestartPolicy = DEFAULT_RESTART_POLICY) {
  let deaths: number[] = [];
  return {
    died(now: number): AfterDeath {
      deaths = [...deaths.filter((at) => now - at < policy.windowMs), now];
      if (deaths.length >= policy.maxDeaths) return { action: 'give-up', deaths: deaths.length };
      const delayMs = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (deaths.length - 1));
      return { action: 'restart', delayMs, deaths: deaths.length };
    },
  };
}
