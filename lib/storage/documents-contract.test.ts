import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayUpdates } from '../collab/replay';
import { addBinderItem } from '../manuscript/binder';
import { openMemoryEngine, openPostgresEngine, openSqliteEngine, type TestEngine } from './testing/engines';

/** A scene fragment with `text`, as one update from a fresh client. */
function sceneUpdate(text: string, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment('scene.one');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.push([paragraph]);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The binder entry that makes `scene.one` count as a scene of the manuscript. */
function binderUpdate(): Uint8Array {
  const doc = new Y.Doc();
  addBinderItem(doc, { kind: 'scene', title: 'One', id: 'one' });
  return Y.encodeStateAsUpdate(doc);
}

function textOf(rows: { seq: number; bytes: Uint8Array }[]): string[] {
  const doc = new Y.Doc();
  replayUpdates(doc, rows);
  return doc
    .getXmlFragment('scene.one')
    .toArray()
    .map((node) => (node as Y.XmlElement).toArray().map(String).join(''))
    .sort();
}

// One suite, three engines: the collab server may not tell them apart.
describe.each([
  ['sqlite', openSqliteEngine],
  ['postgres', openPostgresEngine],
  ['memory', openMemoryEngine],
] as const)('the document log and roles on %s', (_name, open) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('stores appends in order and loads them back', async () => {
    const id = await engine.seedManuscript();
    const storage = await engine.storage();
    await engine.seedMember(id, 'ada', 'owner');
    await Promise.all(['one', 'two', 'three'].map((word) => storage.documents.append(id, sceneUpdate(word), 'ada')));
    const loaded = await storage.documents.load(id);
    expect(loaded.status).toBe('ok');
    if (loaded.status !== 'ok') return;
    expect(loaded.rows.map((row) => row.seq)).toEqual([...loaded.rows.map((row) => row.seq)].sort((a, b) => a - b));
    expect(textOf(loaded.rows)).toEqual(['one', 'three', 'two']);
  });

  it('tells a missing, a trashed and a quarantined manuscript apart', async () => {
    const storage = await engine.storage();
    expect((await storage.documents.load('no-such-manuscript')).status).toBe('missing');
    const trashed = await engine.seedManuscript();
    await engine.setDeleted(trashed);
    expect((await storage.documents.load(trashed)).status).toBe('missing');
    const broken = await engine.seedManuscript();
    await storage.manuscripts.quarantine(broken, 'row 3 does not decode');
    expect(await storage.documents.load(broken)).toEqual({ status: 'quarantined', reason: 'row 3 does not decode' });
  });

  it('compaction folds the log into one row with the same document and records the word count', async () => {
    const id = await engine.seedManuscript();
    const storage = await engine.storage();
    await storage.documents.append(id, binderUpdate());
    for (const word of ['alpha', 'beta', 'gamma delta']) await storage.documents.append(id, sceneUpdate(word));
    await storage.documents.compact(id);
    expect(await engine.rowCount(id)).toBe(1);
    expect(await engine.wordCount(id)).toBe(4);
    const loaded = await storage.documents.load(id);
    expect(loaded.status === 'ok' && textOf(loaded.rows)).toEqual(['alpha', 'beta', 'gamma delta']);
  });

  it('two instances compacting at once while both append lose nothing', async () => {
    const id = await engine.seedManuscript();
    const first = (await engine.storage({ commitWindowMs: 2 })).documents;
    const second = (await engine.storage({ commitWindowMs: 2 })).documents;
    const words: string[] = [];
    const writes: Promise<void>[] = [];
    for (let round = 0; round < 6; round++) {
      for (const [who, documents] of [['a', first], ['b', second]] as const) {
        for (let i = 0; i < 5; i++) {
          const word = `${who}${round}x${i}`;
          words.push(word);
          writes.push(documents.append(id, sceneUpdate(word)));
        }
      }
      writes.push(first.compact(id), second.compact(id));
    }
    await Promise.all(writes);
    await Promise.all([first.compact(id), second.compact(id)]);
    const loaded = await first.load(id);
    expect(loaded.status === 'ok' && textOf(loaded.rows)).toEqual([...words].sort());
  });

  it('keeps a checkpoint of what is stored, readable as a draft', async () => {
    const id = await engine.seedManuscript();
    const storage = await engine.storage();
    await storage.documents.append(id, sceneUpdate('kept in the checkpoint'));
    await storage.documents.saveCheckpoint(id, { name: 'Automatic checkpoint', changedBy: ['Ada'] });
    expect(await storage.drafts.get(id, 'no-such-draft')).toBeUndefined();
    const [checkpoint] = await storage.drafts.list(id);
    expect(checkpoint).toMatchObject({ kind: 'checkpoint', name: 'Automatic checkpoint', changedBy: 'Ada' });
    const stored = await storage.drafts.get(id, checkpoint!.id);
    expect(textOf([{ seq: 1, bytes: stored!.state }])).toEqual(['kept in the checkpoint']);
  });

  it('reads every loaded room’s members in one call and drops trashed manuscripts', async () => {
    const [kept, trashed] = [await engine.seedManuscript(), await engine.seedManuscript()];
    await engine.seedMember(kept, 'ada', 'owner');
    await engine.seedMember(kept, 'ben', 'commenter');
    await engine.seedMember(trashed, 'ada', 'owner');
    await engine.setDeleted(trashed);
    const { members } = await engine.storage();
    expect(await members.getRole(kept, 'ben')).toBe('commenter');
    expect(await members.getRole(trashed, 'ada')).toBeNull();
    const roles = await members.rolesFor([kept, trashed]);
    expect(Object.fromEntries(roles.get(kept)!)).toEqual({ ada: 'owner', ben: 'commenter' });
    expect(roles.get(trashed)!.size).toBe(0);
  });
});
