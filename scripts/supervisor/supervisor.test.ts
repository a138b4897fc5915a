import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { supervise } from './supervisor';

/** A real Node child running `code`. */
const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
const fast = { maxDeaths: 3, windowMs: 60_000, initialBackoffMs: 20, maxBackoffMs: 40 };

describe('supervise', () => {
  it('starts a killed child again and says how it died', async () => {
    const lines: string[] = [];
    const supervisor = supervise([{ name: 'collab', start: node('setInterval(() => {}, 1000)') }], { policy: fast, stopDeadlineMs: 5_000, log: (line) => lines.push(line) });
    const first = supervisor.current('collab')!;
    first.kill('SIGKILL');
    await expect.poll(() => supervisor.current('collab')?.pid ?? first.pid).not.toBe(first.pid);
    expect(lines).toEqual([expect.stringMatching(/^collab was killed by SIGKILL; restarting it in 0\.02 s/)]);
    expect(await supervisor.stop('SIGTERM')).toBe(0);
  });

  it('gives up on a crash loop: stops the other children and finishes with exit code 1', async () => {
    const lines: string[] = [];
    const supervisor = supervise(
      [
        { name: 'web', start: node('setInterval(() => {}, 1000)') },
        { name: 'collab', start: node('process.exit(3)') },
      ],
      { policy: fast, stopDeadlineMs: 5_000, log: (line) => lines.push(line) },
    );
    const web = supervisor.current('web')!;
    expect(await supervisor.finished).toBe(1);
    expect(web.signalCode).toBe('SIGTERM');
    expect(lines.at(-1)).toMatch(/^collab exited with code 3; it died 3 times within 60 s, so everything stops/);
  });

  it('kills a child that ignores the stop signal once the deadline has passed', async () => {
    const lines: string[] = [];
    const stubborn = () => spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'ignore'] });
    const supervisor = supervise([{ name: 'web', start: stubborn }], { policy: fast, stopDeadlineMs: 300, log: (line) => lines.push(line) });
    const child = supervisor.current('web')!;
    // Until its handler is installed, a SIGTERM would end it by default.
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    expect(await supervisor.stop('SIGTERM')).toBe(0);
    expect(child.signalCode).toBe('SIGKILL');
    expect(lines).toEqual(['web did not stop within 0.3 s; killing it']);
  });
});
