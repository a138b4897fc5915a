import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSignal } from './file-signal';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function signalFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-signal-'));
  dirs.push(dir);
  return path.join(dir, 'db-inbox');
}

describe('file inbox signal', () => {
  it('carries the writers named by one process to a reader in another (two signals on one file)', async () => {
    const file = signalFile();
    const collab = createFileSignal(file);
    const web = createFileSignal(file);
    const heard: (string[] | 'all')[] = [];
    const stop = web.subscribe((change) => heard.push(change));
    collab.publish(['ada', 'ben', 'ada']);
    await expect.poll(() => heard).toEqual([['ada', 'ben']]);
    collab.publish(['cy']);
    await expect.poll(() => heard).toEqual([['ada', 'ben'], ['cy']]);
    stop();
    await Promise.all([collab.close(), web.close()]);
  });

  it('tells everyone to re-check when the file was emptied under the reader', async () => {
    const file = signalFile();
    const signal = createFileSignal(file);
    const heard: (string[] | 'all')[] = [];
    signal.publish(['ada']);
    await expect.poll(() => fs.existsSync(file)).toBe(true);
    const stop = signal.subscribe((change) => heard.push(change));
    signal.publish(['ben']);
    await expect.poll(() => heard).toEqual([['ben']]);
    fs.truncateSync(file, 0);
    signal.publish(['cy']);
    await expect.poll(() => heard.slice(1)).toEqual(expect.arrayContaining(['all']));
    stop();
  });

  it('publishing where no folder exists does nothing and never throws', () => {
    expect(() => createFileSignal(path.join(os.tmpdir(), 'no-such-folder-scriptorium', 'x')).publish(['ada'])).not.toThrow();
  });
});
