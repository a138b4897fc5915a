import fs from 'node:fs';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importChangesAs } from '../lib/access/import-changes';
import { exportManuscriptAs, importManuscriptAs } from '../lib/access/operations';
import { sceneField } from '../lib/collab/room-name';
import { resolvePassageIn } from '../lib/comments/anchor';
import type { CommentThreadView } from '../lib/comments/protocol';
import type { User } from '../lib/storage/records';
import { createManuscript, createUser } from '../lib/storage/sqlite';
import { manuscriptExtensions } from '../lib/editor/extensions';
import { plain, threadOn } from '../lib/export/fixtures';
import { reviewChoices } from '../lib/export/presets';
import { REVIEW_CHAPTERS, REVIEW_THREADS, reviewManuscript, reviewThreadViews, suggestionAttrs, type ReviewWriters } from '../lib/export/testing/review-manuscript';
import { readManuscript, readSuggestions } from '../lib/export/testing/review-readback';
import { editInWord } from '../lib/export/testing/word-edits';
import { readWordParts } from '../lib/export/testing/word-parts';
import { readBinder } from '../lib/manuscript/binder';
import { loadManuscriptDoc } from '../lib/manuscript/load-document';
import { createSqliteStorage } from '../lib/storage/sqlite/storage';
import type { Storage } from '../lib/storage/storage';
import { TEST_SECRET } from './testing/fixtures';
import { waitFor } from './testing/headless-client';
import { startHarness, type Harness } from './testing/server-harness';

/**
 * The Word round trip, end to end through the real storage and a live room: a manuscript with
 * twenty threads (replies, a resolved one, one across two paragraphs), italics, scene breaks and ten
 * suggestions by two writers → Review DOCX → imported as a new manuscript, and onto the manuscript
 * after the writer kept writing elsewhere. Checked in the file's XML and in the database and document.
 */

const schema = getSchema(manuscriptExtensions());
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

interface Writers {
  ada: User;
  ben: User;
  cy: User;
}

/** The writers and a manuscript of theirs: Ada owns it, Ben edits, Cy comments. */
async function setUp(options: { clean?: boolean; threads?: boolean } = {}) {
  harness = await startHarness({ maxMessageBytes: 4 * 1024 * 1024 });
  const { db } = harness;
  const user = (name: string, email: string) => createUser(db, { email, name, color: '#225588', passwordHash: null });
  const writers: Writers = { ada: user('Ada Lovelace', 'ada@example.test'), ben: user('Ben Okafor', 'ben@example.test'), cy: user('Cy Marsh', 'cy@example.test') };
  const ids: ReviewWriters = { ben: writers.ben.id, cy: writers.cy.id };
  const doc = reviewManuscript(ids, { clean: options.clean });
  const { id } = createManuscript(db, { title: 'The Lighthouse Keeper', ownerId: writers.ada.id, initialUpdate: Y.encodeStateAsUpdate(doc) });
  const join = db.$client.prepare('INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, ?)');
  join.run(id, writers.ben.id, 'editor');
  join.run(id, writers.cy.id, 'commenter');
  const storage = createSqliteStorage(db);
  if (options.threads !== false) await writeThreads(storage, id, doc, writers);
  return { harness, storage, writers, id, doc };
}

/** The twenty threads, written as writers write them: a first comment, replies, and Ada resolving one. */
async function writeThreads(storage: Storage, manuscriptId: string, doc: Y.Doc, writers: Writers) {
  const scenes = new Map(readBinder(doc).scenes.map((scene) => [scene.title, scene.id]));
  for (const source of REVIEW_THREADS) {
    const sceneId = scenes.get(source.scene)!;
    const { anchor, quote, context } = threadOn(doc, sceneId, source.words, []);
    const [first, ...replies] = source.messages;
    const threadId = await storage.comments.createThread({ manuscriptId, sceneId, anchor, quote, context, authorId: writers[first!.who].id, body: first!.body, mentions: [] });
    for (const reply of replies) await storage.comments.addMessage({ threadId, authorId: writers[reply.who].id, body: reply.body, mentions: [] });
    if (source.resolved) await storage.comments.setThreadResolved(manuscriptId, threadId, writers.ada.id);
  }
}

const namesOf = (writers: Writers) => {
  const names = new Map(Object.values(writers).map((writer: User) => [writer.id, writer.name]));
  return (userId: string) => names.get(userId) ?? `unknown ${userId}`;
};

/** A thread as a writer reads it: its scene, the words it is on, resolved or not, and who said what when. */
async function threadsOf(storage: Storage, manuscriptId: string, doc: Y.Doc) {
  // Scenes by place (a DOCX carries no scene titles): "The Harbour 2" is that chapter's second scene.
  const titles = new Map(readBinder(doc).roots.flatMap((chapter) => chapter.children.map((scene, index) => [scene.id, `${chapter.title} ${index + 1}`] as const)));
  const threads = await storage.comments.listThreads(manuscriptId);
  return threads
    .map((thread: CommentThreadView) => ({
      scene: titles.get(thread.sceneId),
      words: resolvePassageIn(doc.getXmlFragment(sceneField(thread.sceneId)), schema, thread)?.text.replaceAll('\u200B', '') ?? null,
      resolved: thread.resolvedAt !== null,
      messages: thread.messages.map((message) => ({ author: message.authorName, guest: message.guest ?? false, body: message.body, at: message.createdAt })),
    }))
    .sort((a, b) => a.messages[0]!.at - b.messages[0]!.at);
}

/** What the file should say of each suggestion: Word's revisions, in the order written. */
const EXPECTED_REVISIONS = [
  ['del', 'Ben Okafor', 'boat', false],
  ['ins', 'Ben Okafor', 'ship', false],
  ['ins', 'Cy Marsh', 'at last ', false],
  ['del', 'Ben Okafor', ' in long grey heaps', false],
  // Italic, then not: two runs, so two revisions (Word writes one per run too).
  ['ins', 'Cy Marsh', 'very', false],
  ['ins', 'Cy Marsh', ' ', false],
  ['ins', 'Ben Okafor', '', true],
  ['del', 'Ben Okafor', 'at all', false],
  ['del', 'Cy Marsh', '', true],
  ['del', 'Cy Marsh', 'parcel', false],
  ['ins', 'Cy Marsh', 'small box', false],
  ['del', 'Cy Marsh', 'really ', false],
  ['ins', 'Ben Okafor', ' Not yet.', false],
];

describe('a Review DOCX of a manuscript with twenty threads and ten suggestions', () => {
  it('carries every thread as a Word comment on its words, replies threaded, the resolved one done, every suggestion as a tracked change', async () => {
    const { storage, writers, id, doc } = await setUp();
    const { bytes } = await exportManuscriptAs(storage, writers.ada, id, { format: 'docx', ...reviewChoices({ preset: 'review' }) });
    const parts = await readWordParts(bytes);
    const stored = await threadsOf(storage, id, doc);
    expect(stored).toHaveLength(20);
    // The notation reads back what it wrote.
    const named = (source: string) => source.replace(/([{[<][+-]?|<split |<join )([bc])(\d+)(:|>)/g, (_all, open: string, who: string, _n, close: string) => `${open}${who === 'b' ? 'Ben Okafor' : 'Cy Marsh'}${close}`);
    expect(readManuscript(doc, namesOf(writers))).toEqual(REVIEW_CHAPTERS.map((chapter) => ({ chapter: chapter.title, scenes: chapter.scenes.map((scene) => scene.paragraphs.map(named)) })));

    const roots = parts.comments.filter((comment) => comment.parentId === undefined);
    const replies = parts.comments.filter((comment) => comment.parentId !== undefined);
    expect([roots.length, replies.length]).toEqual([20, 8]);
    // Each root on exactly the words of its thread (suggested words shown as Word shows them), with its replies under it.
    const file = roots
      .map((root) => ({
        words: parts.ranges.get(root.id)!.replace(/\[-|-\]|\{\+|\+\}/g, '').replaceAll('¶', '\n'),
      resolved: root.done === true,
        messages: [root, ...replies.filter((reply) => reply.parentId === root.id)].map((comment) => ({ author: comment.author, initials: comment.initials, body: comment.text, at: Date.parse(comment.date) })),
      }))
      .sort((a, b) => a.messages[0]!.at - b.messages[0]!.at);
    expect(file).toEqual(
      REVIEW_THREADS.map((source, index) => ({
        words: source.words,
        resolved: source.resolved ?? false,
        messages: stored[index]!.messages.map((message) => ({ author: message.author, initials: message.author.split(' ').map((word) => word[0]).join(''), body: message.body, at: message.at })),
      })),
    );
    for (const reply of replies) expect([reply.done === true, parts.ranges.get(reply.id)]).toEqual([roots.find((root) => root.id === reply.parentId)!.done === true, parts.ranges.get(reply.parentId!)]);
    const rangeOf = (body: string) => parts.ranges.get(roots.find((root) => root.text === body)!.id);
    expect(rangeOf('Which boat? Name it.')).toBe('The [-boat-]{+ship+} came in');
    expect(rangeOf('Does this carry across the break?')).toBe('nobody waved.¶“Is it always');
    expect(rangeOf('Keep the italics.')).toBe('nothing [-at all-]');
    expect(parts.italicIn.get(roots.find((root) => root.text === 'Lovely.')!.id)).toBe('low in the water');

    expect(parts.revisions.map((revision) => [revision.kind, revision.author, revision.text, revision.paragraphMark])).toEqual(expect.arrayContaining(EXPECTED_REVISIONS));
    expect(parts.revisions).toHaveLength(EXPECTED_REVISIONS.length);
    const ids: ReviewWriters = { ben: writers.ben.id, cy: writers.cy.id };
    for (const revision of parts.revisions) expect(REVIEW_KEYS.map((key) => new Date(suggestionAttrs(key, ids).time!).toISOString().replace('.000Z', 'Z'))).toContain(revision.date);

    // The chapters as headings, a scene break between each chapter's two scenes.
    expect(parts.paragraphs.filter((paragraph) => paragraph === '#')).toHaveLength(2);
    expect(parts.paragraphs).toEqual(expect.arrayContaining(REVIEW_CHAPTERS.map((chapter) => chapter.title)));
  });
});

const REVIEW_KEYS = ['b1', 'c2', 'b3', 'c4', 'b5', 'c6', 'b7', 'c8', 'b9', 'c10'];

describe('the Review DOCX imported as a new manuscript', () => {
  it('gives back the same text, italics, scene breaks, threads on the same words with their people and replies, and the same suggestions', async () => {
    const { storage, writers, id, doc } = await setUp();
    const nameOf = namesOf(writers);
    const { bytes } = await exportManuscriptAs(storage, writers.ada, id, { format: 'docx', ...reviewChoices({ preset: 'review' }) });
    const created = await importManuscriptAs(storage, writers.ada, { name: 'The Lighthouse Keeper.docx', bytes });
    const copy = await loadManuscriptDoc(storage.documents, created.id);

    expect(readManuscript(copy, nameOf)).toEqual(readManuscript(doc, nameOf));
    expect(readSuggestions(copy, nameOf)).toEqual(readSuggestions(doc, nameOf));
    expect(readSuggestions(copy, nameOf)).toHaveLength(10);

    // Ada is the new manuscript's only member: her words are hers; Ben's and Cy's come back under their names, as guests.
    const before = await threadsOf(storage, id, doc);
    const after = await threadsOf(storage, created.id, copy);
    expect(after).toEqual(before.map((thread) => ({ ...thread, messages: thread.messages.map((message) => ({ ...message, guest: message.author !== 'Ada Lovelace' })) })));
    expect(created.review?.summary.unplaced).toEqual([]);
    expect(created.review?.message).toBe('10 comments and 5 changes from Ben Okafor, 6 comments and 5 changes from Cy Marsh, 12 comments from Ada Lovelace placed.');
  });
});

/** Ada keeps writing after the file went out, away from every thread and suggestion: a word changed in one scene, a new opening line in another. */
async function writeElsewhere(harness: Harness, manuscriptId: string, ada: User) {
  const client = await harness.client(manuscriptId, ada);
  await waitFor(() => client.provider.synced, 'Ada’s sync');
  const scenes = new Map(readBinder(client.doc).scenes.map((scene) => [scene.title, scene.id]));
  client.doc.transact(() => {
    const night = client.doc.getXmlFragment(sceneField(scenes.get('Night')!)).toArray() as Y.XmlElement[];
    const door = night.map((paragraph) => paragraph.get(0) as Y.XmlText).find((text) => plain(text).startsWith('Somewhere below'))!;
    const at = plain(door).indexOf('twice');
    door.delete(at, 'twice'.length);
    door.insert(at, 'three times');
    const opening = new Y.XmlElement('paragraph');
    opening.insert(0, [new Y.XmlText('The wind dropped before dawn.')]);
    client.doc.getXmlFragment(sceneField(scenes.get('The wreck')!)).insert(0, [opening]);
  });
  await waitFor(() => !client.saves.hasUnstoredChanges(), 'Ada’s writing stored');
  client.destroy();
}

/** The manuscript read back as it should be after `writeElsewhere`. */
function withWritingElsewhere(manuscript: ReturnType<typeof readManuscript>) {
  const copy = structuredClone(manuscript);
  const night = copy[0]!.scenes[1]!;
  night[night.length - 1] = night.at(-1)!.replace('twice', 'three times');
  copy[1]!.scenes[0]!.unshift('The wind dropped before dawn.');
  return copy;
}

const review = { format: 'docx' as const, ...reviewChoices({ preset: 'review' }) };

describe('the Review DOCX imported onto the manuscript after the writer kept writing elsewhere', () => {
  it('finds every thread and suggestion already there: nothing doubled, nothing lost, the new writing kept', async () => {
    const { harness, storage, writers, id, doc } = await setUp();
    const nameOf = namesOf(writers);
    // Ada took back the first comment of a thread Cy had answered: the file opens that thread with Cy's reply.
    const gulls = (await storage.comments.listThreads(id)).find((thread) => thread.messages[0]!.body === 'Too many gulls in this book.')!;
    await storage.comments.deleteMessage(gulls.messages[0]!.id);
    const before = await threadsOf(storage, id, doc);
    const { bytes } = await exportManuscriptAs(storage, writers.ada, id, review);
    await writeElsewhere(harness, id, writers.ada);

    const result = await importChangesAs(storage, writers.ada, id, { name: 'The Lighthouse Keeper.docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET });
    expect(result.summary.unplaced).toEqual([]);
    expect(result.message).toBe('Nothing new to place; 10 changes were already in the manuscript; 20 comments were already there.');
    const after = await loadManuscriptDoc(storage.documents, id);
    expect(readManuscript(after, nameOf)).toEqual(withWritingElsewhere(readManuscript(doc, nameOf)));
    expect(readSuggestions(after, nameOf)).toEqual(readSuggestions(doc, nameOf));
    expect(await threadsOf(storage, id, after)).toEqual(before);
  });

  it('onto a copy without the threads and suggestions: every one placed on the same words, by the same members, with the same replies', async () => {
    // The Review DOCX of the marked-up manuscript, imported onto a clean copy of its text that Ben and Cy are members of.
    const source = await setUp();
    const { bytes } = await exportManuscriptAs(source.storage, source.writers.ada, source.id, review);
    const before = await threadsOf(source.storage, source.id, source.doc);
    const expectedText = withWritingElsewhere(readManuscript(source.doc, namesOf(source.writers)));
    const expectedSuggestions = readSuggestions(source.doc, namesOf(source.writers));
    await harness!.stop();

    const { storage, writers, id } = await setUp({ clean: true, threads: false });
    const nameOf = namesOf(writers);
    await writeElsewhere(harness!, id, writers.ada);
    const result = await importChangesAs(storage, writers.ada, id, { name: 'The Lighthouse Keeper.docx', bytes }, { collabUrl: harness!.url, secret: TEST_SECRET });
    expect(result.summary.unplaced).toEqual([]);
    expect(result.message).toBe('10 comments and 5 changes from Ben Okafor, 6 comments and 5 changes from Cy Marsh, 12 comments from Ada Lovelace placed.');
    const after = await loadManuscriptDoc(storage.documents, id);
    expect(readManuscript(after, nameOf)).toEqual(expectedText);
    expect(readSuggestions(after, nameOf)).toEqual(expectedSuggestions);
    // Members by name: Ben's and Cy's words are theirs here, not a guest's.
    expect(await threadsOf(storage, id, after)).toEqual(before);
  });

  it('adds what the editor did in Word: a reply under a writer’s thread, a new comment, a tracked insertion and deletion', async () => {
    const { harness, storage, writers, id, doc } = await setUp();
    const nameOf = namesOf(writers);
    const before = await threadsOf(storage, id, doc);
    const exported = await exportManuscriptAs(storage, writers.ada, id, review);
    // Maria works on the file after the writers' last word (Word keeps whole seconds), before it comes back.
    const answeredAt = Math.ceil((Math.max(...before.flatMap((thread) => thread.messages.map((message) => message.at))) + 1) / 1000) * 1000;
    await waitFor(() => Date.now() > answeredAt, 'Maria’s turn', 2_000);
    const maria = { author: 'Maria Rossi', date: new Date(answeredAt).toISOString().replace('.000Z', 'Z') };
    const bytes = await editInWord(exported.bytes, [
      { kind: 'reply', to: 'Why forty?', text: 'Forty is right; keep it.', ...maria },
      { kind: 'comment', on: 'the margin of the tide tables', text: 'Which tables?', ...maria },
      { kind: 'insert', after: 'Gulls wheeled', text: ' low', ...maria },
      { kind: 'delete', words: ', patient as a clock', ...maria },
    ]);
    await writeElsewhere(harness, id, writers.ada);

    const result = await importChangesAs(storage, writers.ada, id, { name: 'The Lighthouse Keeper (Maria).docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET });
    expect(result.summary.unplaced).toEqual([]);
    expect(result.message).toBe('2 comments and 2 changes from Maria Rossi placed; 10 changes were already in the manuscript; 20 comments were already there.');
    const after = await loadManuscriptDoc(storage.documents, id);
    const threads = await threadsOf(storage, id, after);
    const at = Date.parse(maria.date);
    const forty = before.find((thread) => thread.messages[0]!.body === 'Why forty?')!;
    expect(threads).toEqual([
      ...before.map((thread) => (thread === forty ? { ...forty, messages: [...forty.messages, { author: 'Maria Rossi', guest: true, body: 'Forty is right; keep it.', at }] } : thread)),
      { scene: 'Storm 1', words: 'the margin of the tide tables', resolved: false, messages: [{ author: 'Maria Rossi', guest: true, body: 'Which tables?', at }] },
    ].sort((a, b) => a.messages[0]!.at - b.messages[0]!.at));
    const expected = withWritingElsewhere(readManuscript(doc, nameOf));
    expected[0]!.scenes[0]![2] = expected[0]!.scenes[0]![2]!.replace('Gulls wheeled', 'Gulls wheeled{+Maria Rossi: low+}');
    expected[0]!.scenes[1]![0] = expected[0]!.scenes[1]![0]!.replace(', patient as a clock', '[-Maria Rossi:, patient as a clock-]');
    expect(readManuscript(after, nameOf)).toEqual(expected);
  });
});

/** Scriptorium's Review DOCX of the round-trip manuscript, opened in LibreOffice and saved again (made by the script beside it; CI has no LibreOffice). */
const LIBREOFFICE_FILE = path.join(__dirname, '..', 'lib', 'import', 'docx-review', 'fixtures', 'libreoffice-round-trip.docx');

/** The threads the file was made with (fixed times), as `threadsOf` reads them: LibreOffice saves a line break inside a comment as a new paragraph. */
function threadsInTheFile(doc: Y.Doc, guests: boolean) {
  const titles = new Map(readBinder(doc).roots.flatMap((chapter) => chapter.children.map((scene, index) => [scene.id, `${chapter.title} ${index + 1}`] as const)));
  return reviewThreadViews(doc).map((thread) => ({
    scene: titles.get(thread.sceneId),
    words: REVIEW_THREADS[Number(thread.id.slice(-4))]!.words.replace('\n', ' '),
    resolved: thread.resolvedAt !== null,
    messages: thread.messages.map((message) => ({ author: message.authorName, guest: guests && message.authorName !== 'Ada Lovelace', body: message.body.replace(/(?<!\n)\n(?!\n)/g, '\n\n'), at: message.createdAt })),
  }));
}

describe('a Review DOCX opened in LibreOffice and saved again', () => {
  const bytes = new Uint8Array(fs.readFileSync(LIBREOFFICE_FILE));

  it('imports as a new manuscript with the same text, italics, scene breaks, suggestions, and threads with their replies', async () => {
    const { storage, writers, doc } = await setUp({ threads: false });
    const nameOf = namesOf(writers);
    const created = await importManuscriptAs(storage, writers.ada, { name: 'The Lighthouse Keeper.docx', bytes });
    const copy = await loadManuscriptDoc(storage.documents, created.id);
    expect(created.review?.summary.unplaced).toEqual([]);
    expect(readManuscript(copy, nameOf)).toEqual(readManuscript(doc, nameOf));
    expect(readSuggestions(copy, nameOf)).toEqual(readSuggestions(doc, nameOf));
    expect(await threadsOf(storage, created.id, copy)).toEqual(threadsInTheFile(doc, true));
  });

  it('imports onto a clean copy the writer kept writing in: every comment and change placed, by the members', async () => {
    const { harness, storage, writers, id } = await setUp({ clean: true, threads: false });
    const nameOf = namesOf(writers);
    const marked = reviewManuscript({ ben: writers.ben.id, cy: writers.cy.id });
    await writeElsewhere(harness, id, writers.ada);
    const result = await importChangesAs(storage, writers.ada, id, { name: 'The Lighthouse Keeper.docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET });
    expect(result.summary.unplaced).toEqual([]);
    const after = await loadManuscriptDoc(storage.documents, id);
    expect(readManuscript(after, nameOf)).toEqual(withWritingElsewhere(readManuscript(marked, nameOf)));
    expect(readSuggestions(after, nameOf)).toEqual(readSuggestions(marked, nameOf));
    expect(await threadsOf(storage, id, after)).toEqual(threadsInTheFile(marked, false));
  });

  it('imports onto the manuscript it was made from as nothing new: every thread and change recognised, none doubled', async () => {
    const { harness, storage, writers, id, doc } = await setUp();
    const before = await threadsOf(storage, id, doc);
    const result = await importChangesAs(storage, writers.ada, id, { name: 'The Lighthouse Keeper.docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET });
    expect(result.message).toBe('Nothing new to place; 10 changes were already in the manuscript; 20 comments were already there.');
    expect(await threadsOf(storage, id, await loadManuscriptDoc(storage.documents, id))).toEqual(before);
  });
});
