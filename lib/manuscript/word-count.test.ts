import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeNewManuscript, readScenes } from './binder';
import { sceneField } from '../collab/room-name';
import { countManuscriptWords, countWords } from './word-count';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['One two three.', 3],
    ["Don't stop, it's fine.", 4],
    ['A well-known, twenty-one-year-old man.', 4],
    ['She paused—then ran.', 4],
    ['She paused — then ran.', 4],
    ['Wait... what?', 2],
    ['Pages 10–12 of the U.S. edition', 7],
    ['“Quoted,” she said.', 3],
    ['#', 0],
    ['* * *', 0],
    ['Café naïve façade', 3],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('counts the prose of every scene and skips scene breaks', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeNewManuscript());
    const scene = readScenes(doc)[0]!;
    const fragment = doc.getXmlFragment(sceneField(scene.id));
    const paragraph = (text: string) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(text)]);
      return element;
    };
    fragment.insert(0, [paragraph('It was late.'), new Y.XmlElement('sceneBreak'), paragraph("Morning didn't come.")]);
    expect(countManuscriptWords(doc)).toBe(6);
  });
});

describe('counting with suggestions', () => {
  it('counts the original text, or the text as if every suggestion were accepted', async () => {
    const { countSceneWords, sceneText } = await import('./word-count');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeNewManuscript());
    const scene = readScenes(doc)[0]!;
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment(sceneField(scene.id)).insert(0, [paragraph]);
    const ben = { id: 'b-1', author: 'ben', time: 1 };
    text.insert(0, 'The plan had one weakness in it.');
    text.format(17, 8, { deletion: ben });
    text.insert(25, 'grave flaw', { insertion: ben });
    text.insert(13, '\u200B', { insertion: { ...ben, id: 'b-2' } });
    expect(sceneText(doc, scene.id, 'original')).toBe('The plan had one weakness in it.\n');
    expect(sceneText(doc, scene.id, 'accepted')).toBe('The plan had one grave flaw in it.\n');
    expect(countSceneWords(doc, scene.id)).toBe(7);
    expect(countSceneWords(doc, scene.id, 'accepted')).toBe(8);
  });
});
