import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommentThreadView } from '../comments/protocol';
import { sceneField } from '../collab/room-name';
import { readScenes } from '../manuscript/binder';
import { exportManuscript } from './index';
import { at, BEN, firstText, nameOf, plain, reviewedSample, sampleManuscript, sampleTitlePage, threadOn } from './fixtures';
import { readManuscriptForExport } from './model';
import { reviewChoices } from './presets';
import { readWordParts, type WordParts } from './testing/word-parts';

/**
 * A Review DOCX, read back from its XML: every thread a Word comment on exactly its words, replies
 * threaded under it with their own authors and dates, resolved ones marked done, suggestions as
 * w:ins/w:del with their writer and time; a Submission DOCX with none of it.
 */

async function exportAs(doc: Y.Doc, threads: CommentThreadView[], choices: Parameters<typeof reviewChoices>[0], font: 'modern' | 'classic' = 'modern'): Promise<WordParts> {
  const bytes = await exportManuscript(doc, sampleTitlePage, { format: 'docx', font, ...reviewChoices(choices) }, { threads, nameOf });
  return readWordParts(bytes);
}

const byText = (parts: WordParts, text: string) => {
  const found = parts.comments.find((comment) => comment.text === text || comment.text.endsWith(`\n${text}`));
  if (!found) throw new Error(`no comment “${text}” among ${parts.comments.map((c) => c.text).join(' | ')}`);
  return found;
};

describe('Review DOCX', () => {
  it.each(['modern', 'classic'] as const)('%s: each thread is a Word comment on exactly its words, with its replies, authors, initials and dates', async (font) => {
    const { doc, threads } = reviewedSample();
    const parts = await exportAs(doc, threads, { preset: 'review' }, font);
    expect(parts.files).toEqual(expect.arrayContaining(['word/comments.xml', 'word/commentsExtended.xml']));

    const boat = byText(parts, 'Which boat? Name it.');
    expect(parts.ranges.get(boat.id)).toBe('The [-boat-]{+ship+} came in');
    expect(boat).toMatchObject({ author: 'Ada Lovelace', initials: 'AL', date: '2026-03-01T09:00:00.000Z', done: false });
    expect(boat.parentId).toBeUndefined();

    // On italics: the range is the italic words, and they are still italic.
    const italic = byText(parts, 'Lovely.');
    expect(parts.ranges.get(italic.id)).toBe('low in the water');
    expect(parts.italicIn.get(italic.id)).toBe('low in the water');
    expect(italic).toMatchObject({ author: 'Cy Marsh', initials: 'CM', date: '2026-03-01T11:05:00.000Z' });

    // Overlapping the italic thread: each covers its own words.
    expect(parts.ranges.get(byText(parts, 'Overlaps the italics.').id)).toBe('at dusk, low in');

    // Across two paragraphs, with its replies threaded under it, each with its own author and date; a deleted reply is left out.
    const span = byText(parts, 'Does this carry across the break?');
    expect(parts.ranges.get(span.id)).toBe('nobody waved.¶“Is it always');
    const replies = parts.comments.filter((comment) => comment.parentId === span.id);
    expect(replies.map((reply) => [reply.author, reply.initials, reply.date, reply.text])).toEqual([
      ['Ben Okafor', 'BO', '2026-03-02T09:45:00.000Z', 'It does.\nKeep it.'],
      ['Cy Marsh', 'CM', '2026-03-02T10:00:00.000Z', 'Agreed.'],
    ]);
    expect(parts.comments.some((comment) => comment.text.includes('withdrawn'))).toBe(false);
    // Word wants each reply on its parent's range.
    for (const reply of replies) expect(parts.ranges.get(reply.id)).toBe(parts.ranges.get(span.id));

    // Resolved, and marked so.
    const done = byText(parts, 'Settled.');
    expect(done.done).toBe(true);
    expect(parts.ranges.get(done.id)).toBe('she asked');

    // Words deleted since: pinned at the scene's start, with the words it was on.
    const gone = byText(parts, 'Too plain?');
    expect(gone.text).toBe('On words not in this copy: “The keeper’s answer was”\n\nToo plain?');
    expect(parts.ranges.get(gone.id)).toBe('');
    expect(parts.paragraphs[parts.startsIn.get(gone.id)!]).toBe('The ship came in at dusk, low in the water, and nobody waved.');

    expect(parts.ranges.get(byText(parts, 'In the second scene.').id)).toBe('the lamp turned');

    // Every comment has its range and its reference in the body.
    for (const comment of parts.comments) {
      expect(parts.ranges.has(comment.id)).toBe(true);
      expect(parts.references.has(comment.id)).toBe(true);
    }
    expect(parts.comments).toHaveLength(9);
  });

  it('writes the suggestion as a tracked change with its writer and time', async () => {
    const { doc, threads } = reviewedSample();
    const parts = await exportAs(doc, threads, { preset: 'review' });
    expect(parts.revisions).toEqual([
      { kind: 'ins', author: 'Ben Okafor', date: '2026-03-03T10:15:00Z', text: 'ship', paragraphMark: false },
      { kind: 'del', author: 'Ben Okafor', date: '2026-03-03T10:15:00Z', text: 'boat', paragraphMark: false },
    ]);
  });

  it('leaves resolved threads out when asked for open ones only, and takes suggestions in when asked', async () => {
    const { doc, threads } = reviewedSample();
    const parts = await exportAs(doc, threads, { preset: 'review', comments: 'open', changes: 'accepted' });
    expect(parts.comments.some((comment) => comment.text === 'Settled.')).toBe(false);
    expect(parts.comments.every((comment) => comment.done !== true)).toBe(true);
    expect(parts.revisions).toEqual([]);
    expect(parts.ranges.get(byText(parts, 'Which boat? Name it.').id)).toBe('The ship came in');
  });

  it('keeps the original words in a commented passage when suggestions are left out', async () => {
    const { doc, threads } = reviewedSample();
    const parts = await exportAs(doc, threads, { preset: 'review', changes: 'original' });
    expect(parts.revisions).toEqual([]);
    expect(parts.ranges.get(byText(parts, 'Which boat? Name it.').id)).toBe('The boat came in');
  });

  it('Submission: no comments, no revisions, the original text', async () => {
    const { doc, threads } = reviewedSample();
    const parts = await exportAs(doc, threads, { preset: 'submission' });
    expect(parts.files.filter((name) => /comments/i.test(name))).toEqual([]);
    expect(parts.comments).toEqual([]);
    expect(parts.ranges.size).toBe(0);
    expect(parts.references.size).toBe(0);
    expect(parts.revisions).toEqual([]);
    expect(parts.paragraphs).toContain('The boat came in at dusk, low in the water, and nobody waved.');
    // And with no preset at all, as every export was before.
    const plain = await readWordParts(await exportManuscript(doc, sampleTitlePage, { format: 'docx' }, { threads, nameOf }));
    expect(plain.comments).toEqual([]);
    expect(plain.revisions).toEqual([]);
  });

  it('marks a lone resolved thread done even with no replies anywhere', async () => {
    const doc = sampleManuscript();
    const [arrival] = readScenes(doc);
    const threads = [threadOn(doc, arrival!.id, 'nobody waved', [{ author: 'Ada Lovelace', body: 'Fine now.', at: at(1, 9) }], { resolvedAt: at(1, 10) })];
    const parts = await exportAs(doc, threads, { preset: 'review' });
    expect(parts.comments).toEqual([expect.objectContaining({ text: 'Fine now.', done: true })]);
  });

  it('writes suggested paragraph breaks and joins as revisions of the paragraph mark', async () => {
    const doc = sampleManuscript();
    const [arrival, , wreck] = readScenes(doc);
    // A split in the first scene (the library's markers: a zero-width insertion on each side, the new paragraph marked).
    const fragment = doc.getXmlFragment(sceneField(arrival!.id));
    const first = firstText(doc, arrival!.id, 0);
    const split = plain(first).indexOf('and nobody');
    const rest = plain(first).slice(split);
    first.delete(split, rest.length);
    first.insert(split, '\u200B', { insertion: BEN });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('suggestion', BEN as never);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(1, [paragraph]);
    text.insert(0, '\u200B', { insertion: BEN });
    text.insert(1, rest);
    // A join in the last scene: Cy proposes running its two paragraphs together.
    const cy = { id: 'c-1', author: 'cy', time: at(3, 12) };
    const morning = firstText(doc, wreck!.id, 0);
    morning.insert(morning.length, '\u200B', { deletion: cy });
    firstText(doc, wreck!.id, 1).insert(0, '\u200B', { deletion: cy });

    const parts = await exportAs(doc, [], { preset: 'review' });
    expect(parts.revisions.filter((revision) => revision.paragraphMark)).toEqual([
      { kind: 'ins', author: 'Ben Okafor', date: '2026-03-03T10:15:00Z', text: '', paragraphMark: true },
      { kind: 'del', author: 'Cy Marsh', date: '2026-03-03T12:00:00Z', text: '', paragraphMark: true },
    ]);
    expect(parts.paragraphs).toEqual(expect.arrayContaining(['The boat came in at dusk, low in the water, ', 'and nobody waved.']));
    expect(parts.paragraphs.join('')).not.toContain('\u200B');

    // Accepted, the split stays and the join is taken in; in the original, the split is undone.
    const scenesOf = (suggestions: 'accepted' | 'original') => readManuscriptForExport(doc, sampleTitlePage, { suggestions }).chapters.flatMap((chapter) => chapter.scenes);
    const accepted = scenesOf('accepted');
    expect(accepted[0]!.blocks).toHaveLength(3);
    expect(accepted[2]!.blocks).toHaveLength(1);
    const original = scenesOf('original');
    expect(original[0]!.blocks).toHaveLength(2);
    expect(original[2]!.blocks).toHaveLength(2);
  });

  it('counts the words the writer has, not the suggested ones, on the title page', () => {
    const { doc } = reviewedSample();
    const tracked = readManuscriptForExport(doc, sampleTitlePage, { suggestions: 'tracked', nameOf });
    const original = readManuscriptForExport(doc, sampleTitlePage);
    expect(tracked.wordCount).toBe(original.wordCount);
  });
});
