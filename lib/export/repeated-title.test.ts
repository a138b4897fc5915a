import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { manuscriptExtensions } from '../editor/extensions';
import { addBinderItem } from '../manuscript/binder';
import { sampleTitlePage } from './fixtures';
import { exportManuscript, EXPORT_FORMATS } from './index';
import { readManuscriptForExport } from './model';

/** A manuscript written before the binder was the title's one home: the chapter's heading typed again in its text. */
function headingTypedTwice(): Y.Doc {
  const schema = getSchema(manuscriptExtensions());
  const doc = new Y.Doc();
  const chapter = addBinderItem(doc, { kind: 'chapter', title: 'The Storm' });
  const write = (content: object[]) => {
    const scene = addBinderItem(doc, { kind: 'scene', title: 'Scene', parentId: chapter });
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(sceneField(scene)));
  };
  const heading = (text: string) => ({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text }] });
  const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  write([heading('The Storm'), paragraph('Rain came over the water.')]);
  write([heading('The Storm'), paragraph('Later, a second storm.')]);
  return doc;
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('a chapter title typed again at the top of its first scene', () => {
  it('is left out of the exported chapter; a heading later in the chapter is kept', () => {
    const [chapter] = readManuscriptForExport(headingTypedTwice(), sampleTitlePage).chapters;
    expect(chapter!.scenes[0]!.blocks.map((block) => block.type)).toEqual(['paragraph']);
    expect(chapter!.scenes[1]!.blocks.map((block) => block.type)).toEqual(['heading', 'paragraph']);
  });

  it.each(['md', 'html', 'txt'] as const)('%s prints the title once above the first scene', async (format) => {
    const text = new TextDecoder().decode(await exportManuscript(headingTypedTwice(), sampleTitlePage, { format }));
    const aboveTheProse = text.slice(0, text.indexOf('Rain came'));
    expect(occurrences(aboveTheProse, 'The Storm'), aboveTheProse).toBe(1);
  });

  it.each(EXPORT_FORMATS)('%s still exports', async (format) => {
    expect((await exportManuscript(headingTypedTwice(), sampleTitlePage, { format })).byteLength).toBeGreaterThan(100);
  });
});
