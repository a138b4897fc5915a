import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedisSignal } from './redis-signal';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Redis inbox signal (real Redis)', () => {
  it('carries the writers one process names to another that listens', async () => {
    const channel = `test-inbox-${crypto.randomBytes(4).toString('hex')}`;
    const collab = createRedisSignal(REDIS_URL, channel);
    const web = createRedisSignal(REDIS_URL, channel);
    const heard: (string[] | 'all')[] = [];
    web.subscribe((change) => heard.push(change));
    // Published until heard: the subscription is made on the first connection, a moment after subscribe().
    await expect
      .poll(() => {
        collab.publish(['ada', 'ben', 'ada']);
        return heard.length > 0;
      })
      .toBe(true);
    expect(heard[0]).toEqual(['ada', 'ben']);
    await Promise.all([collab.close(), web.close()]);
  });
});
