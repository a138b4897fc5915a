import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { readScenes } from '../manuscript/binder';
import { sampleManuscript, sampleTitlePage } from './fixtures';
import { readManuscriptForExport } from './model';
import { toText } from './text';

/** Ben's suggestions in the sample's first scene: a replacement and a split marker. */
function withSuggestions(): Y.Doc {
  const doc = sampleManuscript();
  const scene = readScenes(doc)[0]!;
  const text = (doc.getXmlFragment(sceneField(scene.id)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const ben = { id: 'b-1', author: 'ben', time: 1 };
  const original = text.toString();
  text.format(0, 3, { deletion: ben });
  text.insert(3, 'XYZZY', { insertion: ben });
  text.insert(text.length, '\u200B', { insertion: { ...ben, id: 'b-2' } });
  expect(original.length).toBeGreaterThan(3);
  return doc;
}

describe('exports and suggestions', () => {
  it('export the original text by default (suggestions accepted none), or the text as if all were accepted', () => {
    const doc = withSuggestions();
    const plain = toText(readManuscriptForExport(sampleManuscript(), sampleTitlePage));
    const original = toText(readManuscriptForExport(doc, sampleTitlePage));
    expect(original).toBe(plain);
    expect(original).not.toContain('XYZZY');
    expect(original).not.toContain('\u200B');
    const accepted = toText(readManuscriptForExport(doc, sampleTitlePage, { suggestions: 'accepted' }));
    expect(accepted).toContain('XYZZY');
    expect(accepted.length).toBe(plain.length - 3 + 5);
  });

  it('join a suggested paragraph break back in the original, and keep it as if accepted', () => {
    const doc = sampleManuscript();
    const scene = readScenes(doc)[0]!;
    const fragment = doc.getXmlFragment(sceneField(scene.id));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('suggestion', { id: 'b-3', author: 'ben', time: 1 } as never);
    paragraph.insert(0, [new Y.XmlText('Suggested on.')]);
    fragment.insert(1, [paragraph]);
    const [original] = readManuscriptForExport(doc, sampleTitlePage).chapters[0]!.scenes[0]!.blocks;
    expect(original).toEqual({ type: 'paragraph', runs: [...(readManuscriptForExport(sampleManuscript(), sampleTitlePage).chapters[0]!.scenes[0]!.blocks[0] as { runs: unknown[] }).runs, { text: 'Suggested on.' }] });
    const accepted = readManuscriptForExport(doc, sampleTitlePage, { suggestions: 'accepted' }).chapters[0]!.scenes[0]!.blocks;
    expect(accepted[1]).toEqual({ type: 'paragraph', runs: [{ text: 'Suggested on.' }] });
  });
});
