import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { addBinderItem } from '../../manuscript/binder';
import { manuscriptExtensions } from '../extensions';
import { buildQuery, type FindOptions } from './query';

export const schema = getSchema(manuscriptExtensions());

type Run = string | { text: string; marks: ('italic' | 'bold')[] };

export const paragraph = (...runs: Run[]) => ({
  type: 'paragraph',
  content: runs.map((run) => (typeof run === 'string' ? { type: 'text', text: run } : { type: 'text', text: run.text, marks: run.marks.map((type) => ({ type })) })),
});

/** A manuscript whose scenes hold the given blocks, one chapter each; returns the doc and scene ids in order. */
export function manuscriptOf(scenes: object[][], doc = new Y.Doc()): { doc: Y.Doc; sceneIds: string[] } {
  const sceneIds = scenes.map((content, index) => {
    const chapter = addBinderItem(doc, { kind: 'chapter', title: `Chapter ${index + 1}` });
    const id = addBinderItem(doc, { kind: 'scene', title: `Scene ${index + 1}`, parentId: chapter });
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(sceneField(id)));
    return id;
  });
  return { doc, sceneIds };
}

/** A scene's text, a line per textblock, "|" for a line break or scene break. */
export function sceneText(doc: Y.Doc, sceneId: string): string {
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(sceneId)), schema);
  return node.textBetween(0, node.content.size, '\n', '|');
}

/** A scene's JSON, to compare formatting. */
export function sceneJSON(doc: Y.Doc, sceneId: string): unknown {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(sceneField(sceneId)));
}

/** The search a writer's options make; a test with options that make none fails at once. */
export function query(options: FindOptions) {
  const built = buildQuery(options);
  if (!built.ok) throw new Error(built.message ?? 'empty');
  return built.query;
}
