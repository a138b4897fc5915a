import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { anchorFromPositions } from '../comments/anchor';
import type { CommentThreadView } from '../comments/protocol';
import { manuscriptExtensions } from '../editor/extensions';
import { addBinderItem, readScenes } from '../manuscript/binder';
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

/** One message of a test thread: who wrote it, what, and when (ms). */
export interface SampleMessage {
  author: string;
  body: string;
  at: number;
  deleted?: boolean;
}

/**
 * A stored thread on `words` in a scene, anchored as the editor anchors one (Yjs relative positions,
 * quote and context). Paragraph breaks inside `words` are written "\n"; `nth` picks a repeat.
 */
export function threadOn(doc: Y.Doc, sceneId: string, words: string, messages: SampleMessage[], options: { id?: string; resolvedAt?: number; nth?: number } = {}): CommentThreadView {
  const fragment = doc.getXmlFragment(sceneField(sceneId));
  const schema = getSchema(manuscriptExtensions());
  const { doc: pm } = initProseMirrorDoc(fragment, schema);
  let text = '';
  const positions: number[] = [];
  pm.descendants((node, position) => {
    if (node.isTextblock && text) {
      text += '\n';
      positions.push(-1);
    }
    if (!node.isText) return true;
    for (let i = 0; i < node.text!.length; i++) {
      text += node.text![i];
      positions.push(position + i);
    }
    return false;
  });
  let at = text.indexOf(words);
  for (let n = options.nth ?? 0; n > 0; n--) at = text.indexOf(words, at + 1);
  if (at < 0) throw new Error(`“${words}” is not in scene ${sceneId}`);
  const { anchor, quote, context } = anchorFromPositions(fragment, schema, positions[at]!, positions[at + words.length - 1]! + 1);
  const id = options.id ?? `thread${(++threadCount).toString().padStart(4, '0')}`;
  return {
    id,
    sceneId,
    anchor,
    quote,
    context,
    createdBy: null,
    createdAt: messages[0]?.at ?? 0,
    resolvedAt: options.resolvedAt ?? null,
    resolvedByName: options.resolvedAt ? (messages[0]?.author ?? null) : null,
    messages: messages.map((message, index) => ({
      id: `${id}m${index}`,
      authorId: null,
      authorName: message.author,
      authorColor: '#336699',
      body: message.deleted ? '' : message.body,
      mentions: [],
      createdAt: message.at,
      editedAt: null,
      deleted: message.deleted ?? false,
    })),
  };
}
let threadCount = 0;

export const NAMES: Record<string, string> = { ben: 'Ben Okafor', cy: 'Cy Marsh' };
export const nameOf = (id: string | null) => (id && NAMES[id]) || 'A co-author';
export const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 2, day, hour, minute);
export const BEN = { id: 'b-1', author: 'ben', time: at(3, 10, 15) };

export const firstText = (doc: Y.Doc, sceneId: string, paragraph: number) => (doc.getXmlFragment(sceneField(sceneId)).get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
/** A paragraph's characters (Y.XmlText's toString writes its formatting as tags). */
export const plain = (text: Y.XmlText) => (text.toDelta() as Array<{ insert: string }>).map((op) => op.insert).join('');

/**
 * The sample's first scene, commented on and suggested into: Ben proposes "ship" for "boat" inside
 * a commented passage; threads on italics, across two paragraphs, overlapping, resolved, and on
 * words since deleted.
 */
export function reviewedSample() {
  const doc = sampleManuscript();
  const [arrival, night] = readScenes(doc);
  const threads: CommentThreadView[] = [
    threadOn(doc, arrival!.id, 'The boat came in', [{ author: 'Ada Lovelace', body: 'Which boat? Name it.', at: at(1, 9) }], { id: 'threadboat' }),
    threadOn(doc, arrival!.id, 'low in the water', [{ author: 'Cy Marsh', body: 'Lovely.', at: at(1, 11, 5) }], { id: 'threaditalic' }),
    threadOn(doc, arrival!.id, 'at dusk, low in', [{ author: 'Ben Okafor', body: 'Overlaps the italics.', at: at(1, 12) }], { id: 'threadoverlap' }),
    threadOn(
      doc,
      arrival!.id,
      'nobody waved.\n“Is it always',
      [
        { author: 'Ada Lovelace', body: 'Does this carry across the break?', at: at(2, 8, 30) },
        { author: 'Ben Okafor', body: 'It does.\nKeep it.', at: at(2, 9, 45) },
        { author: 'Cy Marsh', body: 'A withdrawn thought', at: at(2, 9, 50), deleted: true },
        { author: 'Cy Marsh', body: 'Agreed.', at: at(2, 10, 0) },
      ],
      { id: 'threadspan' },
    ),
    threadOn(doc, arrival!.id, 'she asked', [{ author: 'Ada Lovelace', body: 'Settled.', at: at(2, 14) }], { id: 'threaddone', resolvedAt: at(4, 9) }),
    threadOn(doc, arrival!.id, 'The keeper’s answer was', [{ author: 'Cy Marsh', body: 'Too plain?', at: at(2, 15) }], { id: 'threadgone' }),
    threadOn(doc, night!.id, 'the lamp turned', [{ author: 'Ben Okafor', body: 'In the second scene.', at: at(2, 16) }], { id: 'threadnight' }),
  ];
  // Ben suggests "ship" for "boat"; then the words of the last thread are really deleted.
  const first = firstText(doc, arrival!.id, 0);
  first.format(4, 4, { deletion: BEN });
  first.insert(8, 'ship', { insertion: BEN });
  const second = firstText(doc, arrival!.id, 1);
  const gone = plain(second).indexOf('The keeper’s answer was');
  second.delete(gone, 'The keeper’s answer was '.length);
  return { doc, threads };
}

