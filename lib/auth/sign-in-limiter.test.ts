import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SIGN_IN_LIMITS, SignInLimiter } from './sign-in-limiter';

const WRITER = 'writer@example.test';
const STRANGER = '203.0.113.66';
const WRITER_HOME = '198.51.100.7';

async function failTimes(limiter: SignInLimiter, email: string, address: string, times: number) {
  for (let attempt = 0; attempt < times; attempt++) await limiter.recordFailure(email, address);
}

// The Redis store is what several web instances share; a fresh machine runs Redis on 127.0.0.1:6379.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());

const stores: [string, () => SignInLimiter][] = [
  ['memory', () => SignInLimiter.inMemory()],
  ['redis', () => SignInLimiter.onRedis(redis, `test-${process.pid}-${Math.random().toString(36).slice(2)}`)],
];

describe.each(stores)('SignInLimiter (%s store)', (_store, make) => {
  it('pauses a stranger guessing a writer’s password, and only that stranger', async () => {
    const limiter = make();
    await failTimes(limiter, WRITER, STRANGER, SIGN_IN_LIMITS.PER_PAIR_FAILURES - 1);
    expect(await limiter.check(WRITER, STRANGER)).toEqual({ allowed: true });
    await limiter.recordFailure(WRITER, STRANGER);
    const refused = await limiter.check(WRITER, STRANGER);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterMs).toBeLessThanOrEqual(SIGN_IN_LIMITS.FIRST_PAUSE_S * 1000);
    // The writer, from home, is not affected, nor is another account tried from the stranger's address.
    expect(await limiter.check(WRITER, WRITER_HOME)).toEqual({ allowed: true });
    expect(await limiter.check('someone@example.test', STRANGER)).toEqual({ allowed: true });
  });


  it('an address that fails across many accounts waits, for every account', async () => {
    const limiter = make();
    for (let account = 0; account <= SIGN_IN_LIMITS.PER_ADDRESS_FAILURES; account++) await limiter.recordFailure(`guess${account}@example.test`, STRANGER);
    expect((await limiter.check('fresh@example.test', STRANGER)).allowed).toBe(false);
    expect(await limiter.check('fresh@example.test', WRITER_HOME)).toEqual({ allowed: true });
  });

  it('a right password clears the run of failures for that pair', async () => {
    const limiter = make();
    await failTimes(limiter, WRITER, WRITER_HOME, SIGN_IN_LIMITS.PER_PAIR_FAILURES - 1);
    await limiter.recordSuccess(WRITER, WRITER_HOME);
    await failTimes(limiter, WRITER, WRITER_HOME, SIGN_IN_LIMITS.PER_PAIR_FAILURES - 1);
    expect(await limiter.check(WRITER, WRITER_HOME)).toEqual({ allowed: true });
  });
});

describe('SignInLimiter pauses', () => {
  afterEach(() => vi.useRealTimers());

  it('each pause for the same pair is longer than the one before, up to the longest', async () => {
    vi.useFakeTimers();
    const limiter = SignInLimiter.inMemory();
    const pauses: number[] = [];
    for (let pause = 0; pause < 6; pause++) {
      await failTimes(limiter, WRITER, STRANGER, SIGN_IN_LIMITS.PER_PAIR_FAILURES);
      const verdict = await limiter.check(WRITER, STRANGER);
      if (verdict.allowed) throw new Error('expected a pause');
      pauses.push(Math.round(verdict.retryAfterMs / 60_000));
      // Waiting the pause out lets the pair try again.
      await vi.advanceTimersByTimeAsync(verdict.retryAfterMs + 1);
      expect(await limiter.check(WRITER, STRANGER)).toEqual({ allowed: true });
    }
    expect(pauses).toEqual([1, 2, 4, 8, 15, 15]);
  });
});
