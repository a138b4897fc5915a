import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeNewManuscript } from '../../manuscript/binder';
import { openDatabase } from './connection';
import { createManuscript } from './manuscripts';
import { createUser } from './users';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// Web and collab are two processes on one SQLite file: a transaction that reads before it writes
// must take the write lock up front, or the other process's commit in between fails it with SQLITE_BUSY.
describe('two processes writing one database file', () => {
  it('sign-ups and new manuscripts never fail while another process commits all the time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-concurrent-'));
    dirs.push(dir);
    const file = path.join(dir, 'shared.db');
    const db = openDatabase(`file:${file}`);
    const owner = createUser(db, { email: 'owner@example.test', name: 'Owner', color: '#336699', passwordHash: null });
    // The other process: commits small transactions back to back, as collab's log writer does under load.
    const other = spawn(
      process.execPath,
      [
        '-e',
        `const db = require('better-sqlite3')(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000');
         const touch = db.prepare('UPDATE users SET name = ? WHERE id = ?');
         const end = Date.now() + 4000; let n = 0;
         while (Date.now() < end) { touch.run('Owner ' + (n++ % 10), ${JSON.stringify(owner.id)}); }
         console.log('done ' + n);`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const finished = new Promise<string>((resolve) => {
      let out = '';
      other.stdout!.on('data', (chunk: Buffer) => (out += chunk));
      other.once('exit', () => resolve(out));
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      try {
        const writer = createUser(db, { email: `writer${i}@example.test`, name: `Writer ${i}`, color: '#336699', passwordHash: null });
        createManuscript(db, { title: `Novel ${i}`, ownerId: writer.id, initialUpdate: encodeNewManuscript() });
      } catch (error) {
        failures.push((error as Error).message);
      }
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await finished).toMatch(/^done \d+/);
    db.$client.close();
    expect(failures).toEqual([]);
  }, 30_000);
});
