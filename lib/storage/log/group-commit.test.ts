import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit';

describe('GroupCommitter', () => {
  it('commits everything submitted in one window as one batch, in submission order', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number, string>((jobs) => {
      batches.push(jobs);
      return jobs.map((job) => `stored ${job}`);
    }, { windowMs: 0 });
    const results = await Promise.all([1, 2, 3].map((job) => committer.submit(job)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual(['stored 1', 'stored 2', 'stored 3']);
  });

  it('a failed commit rejects every job in it, and the next batch still commits', async () => {
    let fail = true;
    const committer = new GroupCommitter<string, string>((jobs) => {
      if (fail) throw new Error('disk full');
      return jobs;
    }, { windowMs: 0 });
    const first = [committer.submit('a'), committer.submit('b')].map((p) => p.then(() => 'stored', (e: Error) => e.message));
    expect(await Promise.all(first)).toEqual(['disk full', 'disk full']);
    fail = false;
    expect(await committer.submit('c')).toBe('c');
  });

  it('under load, holds commits to one per window so many updates share one fsync', async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter<number, number>((jobs) => {
      sizes.push(jobs.length);
      return jobs;
    }, { windowMs: 30 });
    // When idle, a lone update commits at once…
    await committer.submit(0);
    // …and what arrives within the window after it waits and shares the next commit.
    await Promise.all(Array.from({ length: 19 }, (_, i) => committer.submit(i + 1)));
    expect(sizes).toEqual([1, 19]);
  });

  it('flushNow commits at once, and drained waits for what was submitted', async () => {
    const committed: number[] = [];
    const committer = new GroupCommitter<number, number>((jobs) => {
      committed.push(...jobs);
      return jobs;
    }, { windowMs: 10_000 });
    await committer.submit(1);
    const second = committer.submit(2);
    expect(committed).toEqual([1]);
    await committer.flushNow();
    expect(committed).toEqual([1, 2]);
    await second;
    await committer.drained();
  });
});
