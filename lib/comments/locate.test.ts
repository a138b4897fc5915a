import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { manuscriptExtensions } from '../editor/extensions';
import { anchorFromPositions, resolvePassageIn } from './anchor';
import { approximate, locateQuote, withinEdits } from './locate';

const schema = getSchema(manuscriptExtensions());
const paragraph = (text: string) => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' });

function sceneOf(...paragraphs: string[]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('scene.test');
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs.map(paragraph) }, fragment);
  return fragment;
}

/** Replaces the scene's text wholesale, as a rewrite by the binding does: every character new. */
function rewrite(fragment: Y.XmlFragment, ...paragraphs: string[]) {
  fragment.delete(0, fragment.length);
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs.map(paragraph) }, fragment);
}

describe('finding a quote again', () => {
  it('prefers exact occurrences, nearest the old place', () => {
    const text = 'aaa the quote bbb the quote ccc the quote';
    expect(locateQuote(text, 'the quote', { near: 20 })!.start).toBe(18);
    expect(locateQuote(text, 'the quote', { near: 40 })!.start).toBe(32);
  });

  it('uses the surrounding words when there is no old place', () => {
    const text = 'aaa the quote bbb the quote ccc';
    expect(locateQuote(text, 'the quote', { context: { prefix: 'bbb ', suffix: ' ccc' } })!.start).toBe(18);
  });

  it('tolerates a few edits, not many', () => {
    expect(locateQuote('she said the lamp burnt all night', 'the lamp burned all night')).toMatchObject({ edits: 2 });
    expect(locateQuote('nothing like it at all here', 'the lamp burned all night')).toBeNull();
    expect(approximate('xxabcdefxx', 'abXdef', 1)).toEqual([{ start: 2, end: 8, edits: 1 }]);
    expect(withinEdits('kitten', 'sitting', 3)).toBe(true);
    expect(withinEdits('kitten', 'sitting', 2)).toBe(false);
  });
});

describe('a passage whose paragraph was rewritten', () => {
  it('is found again by its words, the copy its surrounding words name, and detaches only when they are gone', () => {
    const fragment = sceneOf('one said the same thing.', 'two said the same thing.', 'three said the same thing.');
    // Comment on the second "the same thing".
    const from = 1 + 'one said the same thing.'.length + 2 + 'two said '.length;
    const passage = anchorFromPositions(fragment, schema, from, from + 'the same thing'.length);
    expect(passage.quote).toBe('the same thing');
    rewrite(fragment, 'one said the same thing.', '', 'two said the same thing.', 'three said the same thing.');
    const found = resolvePassageIn(fragment, schema, passage)!;
    expect(found.text).toBe('the same thing');
    expect(found.moved).toBe(true);
    // The second paragraph's words: after "two said ".
    expect(found.from).toBe(1 + 'one said the same thing.'.length + 2 + 2 + 'two said '.length);
    rewrite(fragment, 'one said it.', 'two said nothing.');
    expect(resolvePassageIn(fragment, schema, passage)).toBeNull();
  });
});
