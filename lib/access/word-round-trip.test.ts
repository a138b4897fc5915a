import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { resolvePassageIn } from '../comments/anchor';
import { manuscriptExtensions } from '../editor/extensions';
import { describeSuggestion, listSuggestions } from '../editor/suggestions/review';
import { exportManuscript } from '../export';
import { nameOf, reviewedSample, sampleTitlePage } from '../export/fixtures';
import { reviewChoices } from '../export/presets';
import { importManuscript } from '../import';
import { readScenes } from '../manuscript/binder';
import { reviewIntoNewManuscript } from './import-changes';

/**
 * Both halves of the Word round trip meeting: a Review DOCX exported from a manuscript with
 * threads and a suggestion, imported as a new manuscript, gives back the same threads on the same
 * words with the same people (as guests: the new manuscript has only its owner), dates, replies
 * and line breaks, and the same suggestion.
 */

const schema = getSchema(manuscriptExtensions());

describe('Review DOCX → import', () => {
  it('brings the threads and the suggestion back on the same words', async () => {
    const { doc, threads } = reviewedSample();
    const bytes = await exportManuscript(doc, sampleTitlePage, { format: 'docx', ...reviewChoices({ preset: 'review' }) }, { threads, nameOf });
    const { update, review } = await importManuscript({ name: 'The Lighthouse Keeper.docx', bytes });
    const owner = { userId: 'owner0001', name: 'Evelyn Marsh', email: 'evelyn@example.test' };
    const imported = reviewIntoNewManuscript(update, review, owner)!;
    const back = new Y.Doc();
    Y.applyUpdate(back, imported.update);

    // The suggestion: Ben's replacement, his by name (a guest here), at his time.
    const arrival = readScenes(back)[0]!;
    const suggestions = listSuggestions(yXmlFragmentToProseMirrorRootNode(back.getXmlFragment(sceneField(arrival.id)), schema));
    expect(suggestions.map((s) => [s.author, describeSuggestion(s), s.time])).toEqual([['guest:Ben Okafor', 'Replace ‘boat’ with ‘ship’', Date.UTC(2026, 2, 3, 10, 15)]]);

    // The threads: the same first words, people, dates, replies and resolution; each on its words.
    const summary = (record: (typeof imported.threads)[number]) => ({
      words: resolvePassageIn(back.getXmlFragment(sceneField(record.sceneId)), schema, record)?.text.replace(/\s+/g, ' ') ?? null,
      resolved: record.resolvedAt !== null,
      messages: record.messages.map((m) => [m.guestName, m.body, m.createdAt]),
    });
    // The thread on words since deleted travels as a comment on no words at its scene's start; the import lists it, never drops it.
    expect(imported.imported.summary.unplaced).toEqual([expect.objectContaining({ kind: 'comment', author: 'Cy Marsh', what: expect.stringContaining('“The keeper’s answer was”') })]);
    const expected = threads
      .filter((thread) => thread.id !== 'threadgone')
      .map((thread) => ({ resolved: thread.resolvedAt !== null, messages: thread.messages.filter((m) => !m.deleted).map((m) => [m.authorName, m.body, m.createdAt]) }));
    const got = imported.threads.map(summary);
    expect(got.map(({ resolved, messages }) => ({ resolved, messages })).sort(byFirstBody)).toEqual(expected.sort(byFirstBody));
    const wordsOf = (body: string) => got.find((thread) => thread.messages[0]![1] === body)?.words;
    expect(wordsOf('Which boat? Name it.')).toBe('The boatship came in');
    expect(wordsOf('Lovely.')).toBe('low in the water');
    expect(wordsOf('Overlaps the italics.')).toBe('at dusk, low in');
    expect(wordsOf('Does this carry across the break?')).toBe('nobody waved. “Is it always');
    expect(wordsOf('Settled.')).toBe('she asked');
    expect(wordsOf('In the second scene.')).toBe('the lamp turned');
  });
});

const byFirstBody = (a: { messages: unknown[][] }, b: { messages: unknown[][] }) => String(a.messages[0]![1]).localeCompare(String(b.messages[0]![1]));
