import { describe, expect, it } from 'vitest';
import { watchReadiness, type Readiness } from './readiness-watch';

describe('watchReadiness', () => {
  it('logs each change of readiness once, with the reason, and says nothing while web does not answer', async () => {
    const states: Readiness[] = [{ ready: 'no answer' }, { ready: true }, { ready: true }, { ready: false, reason: 'collab is unreachable at ws://127.0.0.1:1234 (ECONNREFUSED)' }, { ready: false, reason: 'collab is unreachable at ws://127.0.0.1:1234 (ECONNREFUSED)' }, { ready: true }];
    const lines: string[] = [];
    const stop = watchReadiness('http://web/readyz', (line) => lines.push(line), async () => states.shift() ?? { ready: true }, 5);
    await expect.poll(() => states.length).toBe(0);
    stop();
    expect(lines).toEqual([
      'ready: web answers and reaches its store and collab',
      'not ready: collab is unreachable at ws://127.0.0.1:1234 (ECONNREFUSED)',
      'ready: web answers and reaches its store and collab',
    ]);
  });
});
