import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import type * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { manuscriptExtensions } from '../extensions';
import { Suggesting, type SuggestingOptions } from './suggesting';
import { suggestionIds, type Suggester } from './track';

/**
 * For tests (happy-dom): a writer's real editor (Tiptap + the y-tiptap binding) on `doc`'s scene,
 * suggesting as `writer` says, mounted in the document. The caller destroys it.
 */
export function suggestingEditor(
  doc: Y.Doc,
  sceneId: string,
  writer: Omit<Suggester, 'nextId'>,
  options: Partial<Pick<SuggestingOptions, 'describeAuthor' | 'onRefused'>> = {},
): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const ids = suggestionIds(() => doc.clientID);
  return new Editor({
    element,
    extensions: [
      ...manuscriptExtensions(),
      Collaboration.configure({ document: doc, field: sceneField(sceneId) }),
      Suggesting.configure({ suggester: () => ({ ...writer, nextId: ids }), describeAuthor: () => null, ...options }),
    ],
  });
}
