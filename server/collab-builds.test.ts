import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneBuilds } from '../scripts/collab-builds';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A dist/collab/ with builds chosen `minutesAgo`, each marked in use by the given pids. */
function builds(spec: Record<string, { minutesAgo: number; pids?: number[] }>, now: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-builds-'));
  dirs.push(root);
  for (const [name, { minutesAgo, pids = [] }] of Object.entries(spec)) {
    const folder = path.join(root, name);
    fs.mkdirSync(path.join(folder, 'in-use'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'index.mjs'), '');
    for (const pid of pids) fs.writeFileSync(path.join(folder, 'in-use', String(pid)), '');
    const at = new Date(now - minutesAgo * 60_000);
    fs.utimesSync(folder, at, at);
  }
  return root;
}

describe('pruneBuilds', () => {
  it('removes only old builds no running process uses, and forgets the marks of ended processes', async () => {
    const now = Date.now();
    const ended = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => ended.once('exit', resolve));
    const root = builds(
      {
        aaaaaaaaaaaaaaaa: { minutesAgo: 0, pids: [ended.pid!] },
        bbbbbbbbbbbbbbbb: { minutesAgo: 600, pids: [process.pid] },
        cccccccccccccccc: { minutesAgo: 600, pids: [ended.pid!] },
        dddddddddddddddd: { minutesAgo: 2 },
        '.building-1-ab': { minutesAgo: 5 },
        '.building-2-cd': { minutesAgo: 600 },
      },
      now,
    );
    expect(pruneBuilds(root, 'aaaaaaaaaaaaaaaa', now).sort()).toEqual(['.building-2-cd', 'cccccccccccccccc']);
    expect(fs.readdirSync(root).sort()).toEqual(['.building-1-ab', 'aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'dddddddddddddddd']);
    expect(fs.readdirSync(path.join(root, 'aaaaaaaaaaaaaaaa', 'in-use'))).toEqual([]);
  });
});
