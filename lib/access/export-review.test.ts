import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { anchorFromPositions } from '../comments/anchor';
import { appendUpdate, commentThreads, openDatabase, type Db } from '../storage/sqlite';
import { manuscriptExtensions } from '../editor/extensions';
import { reviewChoices } from '../export/presets';
import { readWordParts } from '../export/testing/word-parts';
import { readScenes } from '../manuscript/binder';
import { loadManuscriptDoc } from '../manuscript/load-document';
import type { User } from '../storage/records';
import { createSqliteStorage } from '../storage/sqlite/storage';
import type { Storage } from '../storage/storage';
import { NotFoundError } from './errors';
import * as operations from './operations';

/**
 * The export operation on a real SQLite file: it checks the role itself, reads the threads through
 * storage, and names who suggested what (a former member too).
 */

const schema = getSchema(manuscriptExtensions());
let dir: string;
let db: Db;
let storage: Storage;
let owner: User;
let ben: User;
let manuscriptId: string;
let sceneId: string;

async function member(name: string, role: 'editor' | 'commenter' | 'viewer'): Promise<User> {
  const user = await storage.users.create({ email: `${name.toLowerCase()}@example.test`, name, color: '#123456', passwordHash: null });
  await operations.shareByEmailAs(storage, owner, manuscriptId, { email: user.email, role });
  return user;
}

/** Changes the stored manuscript as a collab client would: one update appended to the log. */
async function change(edit: (doc: Y.Doc, fragment: Y.XmlFragment) => void) {
  const live = await loadManuscriptDoc(storage.documents, manuscriptId);
  const before = Y.encodeStateVector(live);
  edit(live, live.getXmlFragment(sceneField(sceneId)));
  appendUpdate(db, manuscriptId, Y.encodeStateAsUpdate(live, before));
}

/** A thread on `words`, anchored in the stored document as the editor would anchor it. */
async function comment(authorId: string, words: string, body: string) {
  const live = await loadManuscriptDoc(storage.documents, manuscriptId);
  const fragment = live.getXmlFragment(sceneField(sceneId));
  const text = initProseMirrorDoc(fragment, schema).doc.textContent;
  const from = 1 + text.indexOf(words);
  const { anchor, quote, context } = anchorFromPositions(fragment, schema, from, from + words.length);
  return storage.comments.createThread({ manuscriptId, sceneId, anchor, quote, context, authorId, body, mentions: [] });
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-export-review-'));
  db = openDatabase(`file:${path.join(dir, 'export.db')}`);
  storage = createSqliteStorage(db);
  owner = await storage.users.create({ email: 'ada@example.test', name: 'Ada Lovelace', color: '#123456', passwordHash: null });
  manuscriptId = (await operations.createManuscriptAs(storage, owner, { title: 'Harbour' })).id;
  ben = await member('Ben Okafor', 'commenter');
  sceneId = readScenes(await loadManuscriptDoc(storage.documents, manuscriptId))[0]!.id;
  await change((_doc, fragment) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('The boat came in at dusk.')]);
    fragment.insert(fragment.length, [paragraph]);
  });
  // Ben suggests "ship" for "boat".
  await change((_doc, fragment) => {
    const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    const suggestion = { id: 'b-1', author: ben.id, time: Date.UTC(2026, 2, 3, 10, 15) };
    text.format(4, 4, { deletion: suggestion });
    text.insert(8, 'ship', { insertion: suggestion });
  });
  const threadId = await comment(owner.id, 'came in at dusk', 'Which dusk?');
  await storage.comments.addMessage({ threadId, authorId: ben.id, body: 'The first one.', mentions: [] });
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const exportDocx = (actor: User, choices: Parameters<typeof reviewChoices>[0], extra: { draftId?: string } = {}) =>
  operations.exportManuscriptAs(storage, actor, manuscriptId, { format: 'docx', ...reviewChoices(choices), ...extra });

describe('exporting a Review DOCX', () => {
  it('any member may, with the threads from storage and the suggestion named; a stranger may not learn it exists', async () => {
    const viewer = await member('Cy Marsh', 'viewer');
    const parts = await readWordParts((await exportDocx(viewer, { preset: 'review' })).bytes);
    expect(parts.comments.map((c) => [c.author, c.initials, c.text, c.parentId === undefined])).toEqual([
      ['Ada Lovelace', 'AL', 'Which dusk?', true],
      ['Ben Okafor', 'BO', 'The first one.', false],
    ]);
    expect(parts.ranges.get(parts.comments[0]!.id)).toBe('came in at dusk');
    expect(parts.revisions.map((r) => [r.kind, r.author, r.date, r.text])).toEqual([
      ['ins', 'Ben Okafor', '2026-03-03T10:15:00Z', 'ship'],
      ['del', 'Ben Okafor', '2026-03-03T10:15:00Z', 'boat'],
    ]);

    const clean = await readWordParts((await exportDocx(viewer, { preset: 'submission' })).bytes);
    expect(clean.comments).toEqual([]);
    expect(clean.revisions).toEqual([]);
    expect(clean.paragraphs).toContain('The boat came in at dusk.');

    const stranger = await storage.users.create({ email: 'stranger@example.test', name: 'Stranger', color: '#123456', passwordHash: null });
    await expect(exportDocx(stranger, { preset: 'review' })).rejects.toThrow(NotFoundError);
  });

  it('names a suggestion’s writer after they have left the manuscript', async () => {
    await operations.removeMemberAs(storage, ben, manuscriptId, ben.id);
    const parts = await readWordParts((await exportDocx(owner, { preset: 'review', comments: 'none' })).bytes);
    expect(parts.comments).toEqual([]);
    expect(new Set(parts.revisions.map((r) => r.author))).toEqual(new Set(['Ben Okafor']));
  });

  it('marks a resolved thread resolved, or leaves it out when only open ones are asked for', async () => {
    const threadId = (await storage.comments.listThreads(manuscriptId))[0]!.id;
    await storage.comments.setThreadResolved(manuscriptId, threadId, owner.id);
    const all = await readWordParts((await exportDocx(owner, { preset: 'review' })).bytes);
    expect(all.comments.map((c) => c.done)).toEqual([true, true]);
    const open = await readWordParts((await exportDocx(owner, { preset: 'review', comments: 'open' })).bytes);
    expect(open.comments).toEqual([]);
  });

  it('a draft carries the threads begun before it was saved, not those begun after', async () => {
    const draftId = await operations.saveDraftAs(storage, owner, manuscriptId, { name: 'Sent out' });
    const savedAt = (await storage.drafts.get(manuscriptId, draftId))!.createdAt.getTime();
    const later = await comment(owner.id, 'The', 'After the draft.');
    const [first] = await storage.comments.listThreads(manuscriptId);
    db.update(commentThreads).set({ createdAt: new Date(savedAt - 60_000) }).where(eq(commentThreads.id, first!.id)).run();
    db.update(commentThreads).set({ createdAt: new Date(savedAt + 60_000) }).where(eq(commentThreads.id, later)).run();
    const parts = await readWordParts((await exportDocx(owner, { preset: 'review' }, { draftId })).bytes);
    expect(parts.comments.map((c) => c.text)).toEqual(['Which dusk?', 'The first one.']);
  });

  it('other formats stay as they were: the original text, no comments', async () => {
    const file = await operations.exportManuscriptAs(storage, owner, manuscriptId, { format: 'md', ...reviewChoices({ preset: 'review' }) });
    const markdown = new TextDecoder().decode(file.bytes);
    expect(markdown).toContain('The boat came in at dusk.');
    expect(markdown).not.toMatch(/ship|Which dusk/);
  });
});
