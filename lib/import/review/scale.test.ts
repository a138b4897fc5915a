import { getSchema } from '@tiptap/core';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { resolvePassageIn } from '../../comments/anchor';
import { manuscriptExtensions } from '../../editor/extensions';
import { listSuggestions } from '../../editor/suggestions/review';
import { readBinder } from '../../manuscript/binder';
import type { BodyParagraph, Change, CommentPlaces } from '../docx-review/body';
import type { ReviewComment } from '../docx-review/comments';
import type { ReviewDocument } from '../docx-review/read';
import { encodeImportedManuscript } from '../model';
import { applyReview, authorResolver } from './index';

const schema = getSchema(manuscriptExtensions());
const SEED = Number(process.env.REVIEW_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a small seeded generator, so a failing run can be replayed with REVIEW_SEED. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a 90,000-word manuscript with a long review, written on since', () => {
  it(`places every comment on its words and every change as a suggestion (seed ${SEED})`, () => {
    console.log(`review scale test seed: ${SEED} (REVIEW_SEED=${SEED} replays it)`);
    const next = random(SEED);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const lexicon = 'salt road harbour gull lamp rope tide keeper quay boat storm night grey cold long slow bell water stone shore wind'.split(' ');
    // Words made unique by a number, so a passage can be checked exactly wherever it lands.
    let serial = 0;
    const word = () => `${pick(lexicon)}${(serial += 1)}`;
    const sentence = () => `${Array.from({ length: 8 + Math.floor(next() * 10) }, word).join(' ')}.`;
    const scenes = Array.from({ length: 85 }, () => Array.from({ length: 12 }, () => Array.from({ length: 7 }, sentence).join(' ')));

    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeImportedManuscript({ title: 'Scale', author: '', parts: [{ title: null, chapters: [{ title: 'One', scenes: scenes.map((scene) => scene.map((text) => ({ type: 'paragraph' as const, runs: [{ text }] }))) }] }] }));

    // The file: every scene as paragraphs, "#" between; a comment and a change in every other paragraph.
    const maria: Omit<Change, 'kind' | 'wordId'> = { author: 'Maria Rossi', date: Date.parse('2026-11-20T10:00:00Z'), moved: false };
    const paragraphs: BodyParagraph[] = [];
    const places = new Map<string, CommentPlaces>();
    const comments: ReviewComment[] = [];
    const expected: Array<{ id: string; quote: string }> = [];
    let changes = 0;
    scenes.forEach((scene, sceneIndex) => {
      if (sceneIndex > 0) paragraphs.push({ style: null, mark: null, pieces: [{ text: '#', change: null, italic: false, bold: false }] });
      scene.forEach((text, index) => {
        const paragraph = paragraphs.length;
        if (index % 2 === 1) {
          paragraphs.push({ style: null, mark: null, pieces: [{ text, change: null, italic: false, bold: false }] });
          return;
        }
        const words = text.split(' ');
        const at = 1 + Math.floor(next() * (words.length - 4));
        const before = `${words.slice(0, at).join(' ')} `;
        const deleted = `${words[at]} `;
        const after = words.slice(at + 1).join(' ');
        changes += 2;
        paragraphs.push({
          style: null,
          mark: null,
          pieces: [
            { text: before, change: null, italic: false, bold: false },
            { text: deleted, change: { ...maria, kind: 'deletion', wordId: `d${paragraph}` }, italic: false, bold: false },
            { text: 'freshly ', change: { ...maria, kind: 'insertion', wordId: `i${paragraph}` }, italic: false, bold: false },
            { text: after, change: null, italic: false, bold: false },
          ],
        });
        const id = String(comments.length);
        const quote = words.slice(at + 1, at + 3).join(' ');
        const start = before.length + deleted.length + 'freshly '.length;
        places.set(id, { start: { paragraph, offset: start }, end: { paragraph, offset: start + quote.length } });
        comments.push({ id, author: 'Maria Rossi', email: null, date: maria.date, text: `About ${quote}?`, parentId: null, done: false });
        expected.push({ id, quote });
      });
    });
    const review: ReviewDocument = { body: { paragraphs, comments: places, formattingChanges: 0 }, comments, explicitReplies: true };

    // Meanwhile the writer wrote a new paragraph into every fifth scene and cut one from every seventh.
    const sceneIds = readBinder(doc).scenes.map((scene) => scene.id);
    sceneIds.forEach((sceneId, index) => {
      if (index % 5 !== 0 && index % 7 !== 0) return;
      const fragment = doc.getXmlFragment(sceneField(sceneId));
      const blocks = scenes[index]!.map((text) => schema.node('paragraph', null, [schema.text(text)]));
      if (index % 5 === 0) blocks.splice(3, 0, schema.node('paragraph', null, [schema.text(`${sentence()} ${sentence()}`)]));
      if (index % 7 === 0) blocks.splice(blocks.length - 1, 1);
      updateYFragment(doc, fragment, schema.node('doc', null, blocks), { mapping: new Map(), isOMark: new Map() } as never);
    });

    const started = performance.now();
    let counter = 0;
    const { threads, summary } = applyReview(doc, review, authorResolver([]), { nextId: () => `s${++counter}` });
    console.log(`placed ${threads.length} threads and ${summary.changesPlaced} changes on ${serial} words in ${Math.round(performance.now() - started)} ms`);

    // The paragraph cut from every seventh scene was one without a comment or a change, so everything is placed.
    expect(summary.unplaced).toEqual([]);
    expect(threads).toHaveLength(expected.length);
    for (const thread of threads) {
      const found = resolvePassageIn(doc.getXmlFragment(sceneField(thread.sceneId)), schema, thread);
      expect(found?.text).toBe(expected.find((each) => `About ${each.quote}?` === thread.messages[0]!.body)!.quote);
    }
    const suggestions = sceneIds.flatMap((id) => listSuggestions(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(id)), schema)));
    // A deletion and the insertion after it are one replacement.
    expect(suggestions).toHaveLength(changes / 2);
    expect(suggestions.every((s) => s.inserted === 'freshly ' && s.deleted.length > 0 && s.author === 'guest:Maria Rossi')).toBe(true);
  }, 120_000);
});
