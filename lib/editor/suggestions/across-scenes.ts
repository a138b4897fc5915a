import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { manuscriptExtensions } from '../extensions';
import { listSuggestions, reviewSuggestions, type SuggestionFilter, type SuggestionSummary, type Verdict } from './review';

const schema = getSchema(manuscriptExtensions());

/** The suggestions in each scene, read from the Y.Doc (scenes without any are left out). */
export function suggestionsInScenes(doc: Y.Doc, sceneIds: string[]): Map<string, SuggestionSummary[]> {
  const found = new Map<string, SuggestionSummary[]>();
  for (const id of sceneIds) {
    const list = listSuggestions(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(id)), schema));
    if (list.length > 0) found.set(id, list);
  }
  return found;
}

/**
 * Accepts or rejects suggestions in scenes no editor has open (a chapter, one writer's across the
 * manuscript), as one Yjs transaction of minimal changes per scene, exactly as an editor's review
 * would leave the text. Returns how many scenes changed.
 */
export function reviewScenes(doc: Y.Doc, sceneIds: string[], verdict: Verdict, filter: SuggestionFilter, origin: unknown = 'review'): number {
  let changed = 0;
  doc.transact(() => {
    for (const id of sceneIds) {
      const fragment = doc.getXmlFragment(sceneField(id));
      const state = EditorState.create({ schema, doc: yXmlFragmentToProseMirrorRootNode(fragment, schema) });
      const tr = reviewSuggestions(state, verdict, filter);
      if (!tr) continue;
      updateYFragment(doc, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() } as never);
      changed += 1;
    }
  }, origin);
  return changed;
}
