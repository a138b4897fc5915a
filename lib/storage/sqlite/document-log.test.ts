import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CorruptUpdateError, replayUpdates } from '../../collab/replay';
import { encodeNewManuscript, readScenes } from '../../manuscript/binder';
import type { Db } from './connection';
import { openTestSqlite, type TestSqlite } from './test-database';
import { appendUpdate, compactUpdates, countUpdates, readUpdates } from './document-log';
import { createManuscript, getManuscript, quarantineManuscript } from './manuscripts';
import { createUser } from './users';

let test: TestSqlite;
let db: Db;
beforeEach(() => ({ db } = test = openTestSqlite()));
afterEach(() => test.close());

const owner = () => createUser(db, { email: `o${Math.random()}@example.test`, name: 'Owner', color: '#112233', passwordHash: null }).id;

function typeInto(doc: Y.Doc, text: string): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  for (const char of text) doc.getText('t').insert(doc.getText('t').length, char);
  doc.off('update', capture);
  return updates;
}

describe('document log on a real SQLite file', () => {
  it('uses WAL and synchronous=FULL', () => {
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('stores the new manuscript document with its first scene', () => {
    const manuscript = createManuscript(db, { title: 'The Lighthouse', ownerId: owner(), initialUpdate: encodeNewManuscript() });
    const doc = new Y.Doc();
    replayUpdates(doc, readUpdates(db, manuscript.id));
    expect(readScenes(doc)).toHaveLength(1);
    expect(getManuscript(db, manuscript.id)?.title).toBe('The Lighthouse');
  });

  it('appends, replays in order, and survives reopening the file', () => {
    const manuscript = createManuscript(db, { title: 'T', ownerId: owner(), initialUpdate: encodeNewManuscript() });
    for (const update of typeInto(new Y.Doc(), 'It was a dark night.')) appendUpdate(db, manuscript.id, update);
    db = test.reopen();
    const doc = new Y.Doc();
    replayUpdates(doc, readUpdates(db, manuscript.id));
    expect(doc.getText('t').toString()).toBe('It was a dark night.');
  });

  it('compaction folds the log into one snapshot row and keeps later rows', () => {
    const manuscript = createManuscript(db, { title: 'T', ownerId: owner(), initialUpdate: encodeNewManuscript() });
    const writer = new Y.Doc();
    let lastSeq = 0;
    for (const update of typeInto(writer, 'abc')) lastSeq = appendUpdate(db, manuscript.id, update);
    const folded = new Y.Doc();
    replayUpdates(folded, readUpdates(db, manuscript.id));
    compactUpdates(db, manuscript.id, Y.encodeStateAsUpdate(folded), lastSeq);
    for (const update of typeInto(writer, 'def')) appendUpdate(db, manuscript.id, update);

    expect(countUpdates(db, manuscript.id)).toBe(4);
    expect(readUpdates(db, manuscript.id)[0]!.seq).toBe(lastSeq);
    const doc = new Y.Doc();
    replayUpdates(doc, readUpdates(db, manuscript.id));
    expect(doc.getText('t').toString()).toBe('abcdef');
    expect(readScenes(doc)).toHaveLength(1);
  });

  it('a corrupt row stops replay with its seq, and quarantine keeps the bytes', () => {
    const manuscript = createManuscript(db, { title: 'T', ownerId: owner(), initialUpdate: encodeNewManuscript() });
    const bad = appendUpdate(db, manuscript.id, new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02]));
    expect(() => replayUpdates(new Y.Doc(), readUpdates(db, manuscript.id))).toThrow(CorruptUpdateError);
    try {
      replayUpdates(new Y.Doc(), readUpdates(db, manuscript.id));
    } catch (error) {
      expect((error as CorruptUpdateError).seq).toBe(bad);
    }
    quarantineManuscript(db, manuscript.id, 'seq bad');
    expect(getManuscript(db, manuscript.id)?.quarantinedAt).toBeInstanceOf(Date);
    expect(countUpdates(db, manuscript.id)).toBe(2);
  });

  it('migrating an up-to-date database again changes nothing', () => {
    db = test.reopen();
    const rows = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(fs.readFileSync('lib/storage/sqlite/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    expect(rows.n).toBe(journal.entries.length);
  });
});
