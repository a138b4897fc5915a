import { describe, expect, it } from 'vitest';
import { createDeathCounter } from './restart-policy';

describe('restart policy', () => {
  const policy = { maxDeaths: 4, windowMs: 60_000, initialBackoffMs: 500, maxBackoffMs: 2_000 };

  it('restarts with a doubling backoff, capped, and gives up at the limit within the window', () => {
    const counter = createDeathCounter(policy);
    expect(counter.died(0)).toEqual({ action: 'restart', delayMs: 500, deaths: 1 });
    expect(counter.died(1_000)).toEqual({ action: 'restart', delayMs: 1_000, deaths: 2 });
    expect(counter.died(2_000)).toEqual({ action: 'restart', delayMs: 2_000, deaths: 3 });
    expect(counter.died(3_000)).toEqual({ action: 'give-up', deaths: 4 });
  });

  it('forgets deaths older than the window: a child that crashes now and then always comes back quickly', () => {
    const counter = createDeathCounter(policy);
    for (let hour = 0; hour < 10; hour += 1) expect(counter.died(hour * 3_600_000)).toEqual({ action: 'restart', delayMs: 500, deaths: 1 });
  });
});
