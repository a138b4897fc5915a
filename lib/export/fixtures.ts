import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { manuscriptExtensions } from '../editor/extensions';
import { addBinderItem } from '../manuscript/binder';
import type { TitlePage } from './model';

/** A small novel with every kind of prose the exporters handle, for tests. */
export function sampleManuscript(): Y.Doc {
  const schema = getSchema(manuscriptExtensions());
  const doc = new Y.Doc();
  const text = (value: string, italic = false, bold = false) => ({
    type: 'text',
    text: value,
    ...(italic || bold ? { marks: [...(italic ? [{ type: 'italic' }] : []), ...(bold ? [{ type: 'bold' }] : [])] } : {}),
  });
  const scene = (chapter: string, title: string, content: object[]) => {
    const id = addBinderItem(doc, { kind: 'scene', title, parentId: chapter });
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(sceneField(id)));
  };
  const one = addBinderItem(doc, { kind: 'chapter', title: 'The Harbour' });
  scene(one, 'Arrival', [
    { type: 'paragraph', content: [text('The boat came in at dusk, '), text('low in the water', true), text(', and nobody waved.')] },
    { type: 'paragraph', content: [text('“Is it always like this?” she asked. The keeper’s answer was '), text('no', false, true), text('.')] },
  ]);
  scene(one, 'Night', [
    { type: 'paragraph', content: [text('At night the lamp turned—slowly, patiently—over the black water.')] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [text('Keep the light burning.')] }] },
  ]);
  const two = addBinderItem(doc, { kind: 'chapter', title: 'Storm' });
  scene(two, 'The wreck', [
    { type: 'paragraph', content: [text('By morning the wreck was gone; the log said '), text('nothing at all', true), text('.')] },
    { type: 'paragraph', content: [text('She wrote it down anyway.')] },
  ]);
  return doc;
}

export const sampleTitlePage: TitlePage = {
  title: 'The Lighthouse Keeper',
  authorLegalName: 'Evelyn Marsh',
  byline: 'E. M. Stone',
  contactAddress: '12 Harbour Lane\nPortsmouth PO1 2AB',
  contactEmail: 'evelyn@example.test',
  contactPhone: '+44 1234 567890',
  genre: 'Literary fiction',
  runningHeadKeyword: 'Lighthouse',
};
