import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeNewManuscript } from '../../manuscript/binder';
import { backupDatabase, restoreDatabase, verifyBackup } from './backup';
import { openDatabase } from './connection';
import { createManuscript, getManuscript } from './manuscripts';
import { createUser } from './users';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-backup-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('copies a live database while it is written to, and restores it in place keeping the old file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'live.db');
    const db = openDatabase(`file:${file}`);
    const owner = createUser(db, { email: 'ada@example.test', name: 'Ada', color: '#336699', passwordHash: null });
    const kept = createManuscript(db, { title: 'Kept', ownerId: owner.id, initialUpdate: encodeNewManuscript() });
    // Writes go on during the backup; the copy is a consistent snapshot either way.
    const writer = setInterval(() => createManuscript(db, { title: 'During', ownerId: owner.id, initialUpdate: encodeNewManuscript() }), 1);
    const counts = await backupDatabase(db, path.join(dir, 'backups', 'copy.db'));
    clearInterval(writer);
    expect(counts.users).toBe(1);
    expect(counts.manuscripts).toBeGreaterThanOrEqual(1);
    createManuscript(db, { title: 'After the backup', ownerId: owner.id, initialUpdate: encodeNewManuscript() });
    db.$client.close();

    const { keptAs } = restoreDatabase(path.join(dir, 'backups', 'copy.db'), file);
    expect(keptAs && fs.existsSync(keptAs)).toBeTruthy();
    const restored = openDatabase(`file:${file}`);
    expect(getManuscript(restored, kept.id)?.title).toBe('Kept');
    const titles = (restored.$client.prepare('SELECT title FROM manuscripts').all() as { title: string }[]).map((row) => row.title);
    expect(titles).not.toContain('After the backup');
    restored.$client.close();
  });

  it('refuses to restore a file that is not a whole Scriptorium database', () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not a database at all, just words');
    expect(() => verifyBackup(junk)).toThrow();
    const target = path.join(dir, 'target.db');
    fs.writeFileSync(target, 'the current database');
    expect(() => restoreDatabase(junk, target)).toThrow();
    expect(fs.readFileSync(target, 'utf8')).toBe('the current database');
  });
});
