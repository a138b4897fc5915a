import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { guestAuthorKey } from '../editor/suggestions/guests';
import { addBinderItem, readScenes } from '../manuscript/binder';
import { at, BEN, firstText, nameOf, sampleManuscript, sampleTitlePage, threadOn } from './fixtures';
import { readManuscriptForExport, type ExportManuscript, type Run } from './model';
import { suggestionAuthors } from './suggestion-authors';
import { initialsOf, threadsToExport } from './threads';

/** The export model's annotations, pure: a Y.Doc and threads in, runs marked with thread keys out. */

const textRuns = (manuscript: ExportManuscript) =>
  manuscript.chapters.flatMap((chapter) => chapter.scenes.flatMap((scene) => scene.blocks.flatMap((block) => (block.type === 'paragraph' || block.type === 'heading' ? block.runs : block.type === 'blockquote' ? block.paragraphs.flat() : [])))).filter((run): run is Extract<Run, { text: string }> => 'text' in run);

/** The words each thread covers in the model, by key. */
function covered(manuscript: ExportManuscript): Map<number, string> {
  const open = new Set<number>();
  const words = new Map<number, string>();
  for (const run of textRuns(manuscript)) {
    run.opens?.forEach((key) => open.add(key));
    open.forEach((key) => words.set(key, (words.get(key) ?? '') + run.text));
    run.closes?.forEach((key) => open.delete(key));
  }
  return words;
}

const message = (body: string, author = 'Ada Lovelace') => [{ author, body, at: at(1, 9) }];

describe('threads on the export model', () => {
  it('split runs exactly at a passage’s ends, keeping their italics', () => {
    const doc = sampleManuscript();
    const [arrival] = readScenes(doc);
    const threads = [threadOn(doc, arrival!.id, 'dusk, low', message('Here.'))];
    const manuscript = readManuscriptForExport(doc, sampleTitlePage, { threads });
    expect(covered(manuscript).get(0)).toBe('dusk, low');
    const runs = textRuns(manuscript);
    const first = runs.findIndex((run) => run.opens?.includes(0));
    expect(runs.slice(first, first + 2)).toEqual([
      { text: 'dusk, ', opens: [0] },
      { text: 'low', italic: true, closes: [0] },
    ]);
    expect(runs[first + 2]).toEqual({ text: ' in the water', italic: true });
  });

  it('leave out threads in chapters not exported, and number the rest in reading order', () => {
    const doc = sampleManuscript();
    const [arrival, , wreck] = readScenes(doc);
    const threads = [threadOn(doc, wreck!.id, 'She wrote it down', message('Storm chapter.')), threadOn(doc, arrival!.id, 'nobody waved', message('Harbour chapter.'))];
    const all = readManuscriptForExport(doc, sampleTitlePage, { threads });
    expect(all.threads!.map((thread) => thread.comments[0]!.text)).toEqual(['Harbour chapter.', 'Storm chapter.']);
    const harbour = all.chapters[0]!.id;
    const chosen = readManuscriptForExport(doc, sampleTitlePage, { threads, chapterIds: [harbour] });
    expect(chosen.threads!.map((thread) => thread.comments[0]!.text)).toEqual(['Harbour chapter.']);
  });

  it('pin a thread on words only suggested, in the original text, with its quote; it covers them when tracked', () => {
    const doc = sampleManuscript();
    const [arrival] = readScenes(doc);
    const text = firstText(doc, arrival!.id, 0);
    text.insert(4, 'little ', { insertion: BEN });
    const threads = [threadOn(doc, arrival!.id, 'little', message('Too small?'))];
    const original = readManuscriptForExport(doc, sampleTitlePage, { threads });
    expect(original.threads).toEqual([expect.objectContaining({ key: 0, detachedQuote: 'little' })]);
    // Runs are cut where the passage was, even though its words are left out.
    expect(textRuns(original)[0]).toEqual({ text: 'The ', pins: [0] });
    const tracked = readManuscriptForExport(doc, sampleTitlePage, { threads, suggestions: 'tracked', nameOf });
    expect(covered(tracked).get(0)).toBe('little');
    expect(textRuns(tracked).find((run) => run.opens)).toEqual({ text: 'little', opens: [0], closes: [0], revision: { kind: 'insertion', author: 'Ben Okafor', date: new Date(BEN.time) } });
  });

  it('carry a pinned thread from a scene left with no text to the next scene’s first words', () => {
    const doc = sampleManuscript();
    const [arrival, night] = readScenes(doc);
    const threads = [threadOn(doc, arrival!.id, 'nobody waved', message('Gone with the scene’s text.'))];
    const fragment = doc.getXmlFragment(sceneField(arrival!.id));
    fragment.delete(0, fragment.length);
    const manuscript = readManuscriptForExport(doc, sampleTitlePage, { threads });
    expect(manuscript.chapters[0]!.scenes.find((scene) => scene.id === arrival!.id)!.blocks).toEqual([]);
    const first = manuscript.chapters[0]!.scenes.find((scene) => scene.id === night!.id)!.blocks[0];
    expect(first).toEqual({ type: 'paragraph', runs: [expect.objectContaining({ text: expect.stringMatching(/^At night/), pins: [0] })] });
  });

  it('place nothing when the export has no words at all', () => {
    const doc = sampleManuscript();
    addBinderItem(doc, { kind: 'chapter', title: 'Empty' });
    const [arrival] = readScenes(doc);
    const threads = [threadOn(doc, arrival!.id, 'nobody waved', message('Nowhere to go.'))];
    const empty = readManuscriptForExport(doc, sampleTitlePage, { threads, chapterIds: [readManuscriptForExport(doc, sampleTitlePage).chapters.at(-1)!.id] });
    expect(empty.threads).toEqual([]);
  });

  it('choose threads: open ones, all, or none; deleted messages left out, a thread with none left out', () => {
    const doc = sampleManuscript();
    const [arrival] = readScenes(doc);
    const open = threadOn(doc, arrival!.id, 'nobody waved', [
      { author: 'Ada Lovelace', body: 'Withdrawn', at: at(1, 9), deleted: true },
      { author: 'Ben Okafor', body: 'Still here.', at: at(1, 10) },
    ]);
    const resolved = threadOn(doc, arrival!.id, 'she asked', message('Done.'), { resolvedAt: at(2, 9) });
    const emptied = threadOn(doc, arrival!.id, 'at dusk', [{ author: 'Cy Marsh', body: 'x', at: at(1, 9), deleted: true }]);
    expect(threadsToExport([open, resolved, emptied], 'all').map((thread) => thread.messages.map((m) => m.body))).toEqual([['Still here.'], ['Done.']]);
    expect(threadsToExport([open, resolved, emptied], 'open').map((thread) => thread.id)).toEqual([open.id]);
    expect(threadsToExport([open, resolved, emptied], 'none')).toEqual([]);
  });

  it.each([
    ['Ada Lovelace', 'AL'],
    ['ben', 'B'],
    ['Mary Ann Evans Cross', 'MAE'],
    ['  Émile  Zola ', 'ÉZ'],
    ['', ''],
  ])('initials of “%s” are “%s”', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('suggestion authors', () => {
  it('name a guest (an editor whose tracked changes came in from Word) by the name they came with', () => {
    const doc = sampleManuscript();
    const [arrival] = readScenes(doc);
    firstText(doc, arrival!.id, 0).insert(4, 'little ', { insertion: { ...BEN, author: guestAuthorKey('Maria Rossi') } });
    const runs = textRuns(readManuscriptForExport(doc, sampleTitlePage, { suggestions: 'tracked', nameOf }));
    expect(runs.find((run) => run.revision)?.revision?.author).toBe('Maria Rossi');
  });

  it('names every writer with a pending suggestion, in words or a paragraph break', () => {
    const doc = sampleManuscript();
    const [arrival, night] = readScenes(doc);
    firstText(doc, arrival!.id, 0).insert(4, 'little ', { insertion: BEN });
    firstText(doc, night!.id, 0).format(0, 2, { deletion: { ...BEN, author: 'cy' } });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('suggestion', { id: 'd-1', author: 'dee', time: 1 } as never);
    doc.getXmlFragment(sceneField(night!.id)).insert(1, [paragraph]);
    expect([...suggestionAuthors(doc)].sort()).toEqual(['ben', 'cy', 'dee']);
    expect(suggestionAuthors(sampleManuscript()).size).toBe(0);
  });
});
