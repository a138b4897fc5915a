import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { watchSceneWords } from './scene-word-watch';
import { countSceneWords } from './word-count';

/** Two co-authors' copies of one scene, kept in sync the way the provider does (remote updates are not local). */
function coAuthors() {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  mine.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(theirs, update, 'remote'));
  theirs.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(mine, update, 'remote'));
  const paragraph = (doc: Y.Doc, text: string) => {
    const element = new Y.XmlElement('paragraph');
    element.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(sceneField('s1')).push([element]);
  };
  const lastText = (doc: Y.Doc) => (doc.getXmlFragment(sceneField('s1')).toArray().at(-1) as Y.XmlElement).get(0) as Y.XmlText;
  return { mine, theirs, paragraph, lastText };
}

describe('today’s words', () => {
  it('counts my words, not a co-author’s typing in the same scene between two recounts', () => {
    const { mine, theirs, paragraph } = coAuthors();
    paragraph(theirs, 'Words that were here this morning.');
    const known = new Map<string, number>();
    const watch = watchSceneWords(mine, ['s1'], known, (id) => countSceneWords(mine, id));
    expect(known.get('s1')).toBe(6);
    paragraph(mine, 'I wrote three');
    paragraph(theirs, 'They wrote four words');
    paragraph(mine, 'and two');
    paragraph(theirs, 'plus several more of theirs here');
    expect(watch.settle()).toBe(5);
    expect(known.get('s1')).toBe(6 + 5 + 10);
    expect(watch.settle()).toBe(0);
    watch.stop();
  });

  it('takes away the words I cut, and not the words they cut', () => {
    const { mine, theirs, paragraph, lastText } = coAuthors();
    paragraph(mine, 'one two three four');
    const known = new Map<string, number>();
    const watch = watchSceneWords(mine, ['s1'], known, (id) => countSceneWords(mine, id));
    lastText(mine).delete(0, 'one '.length);
    lastText(theirs).delete(0, 'two '.length);
    expect(watch.settle()).toBe(-1);
    expect(known.get('s1')).toBe(2);
    watch.stop();
  });

  it('stops listening when stopped', () => {
    const { mine, paragraph } = coAuthors();
    const watch = watchSceneWords(mine, ['s1'], new Map(), (id) => countSceneWords(mine, id));
    watch.stop();
    paragraph(mine, 'unseen words');
    expect(watch.settle()).toBe(0);
  });
});
