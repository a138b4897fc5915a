import { Editor, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { afterEach } from 'vitest';
import type * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { manuscriptExtensions } from '../extensions';

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

/** A real Tiptap editor bound to one scene, as the browser has it (with `extra` extensions); destroyed after each test. */
export function openSceneEditor(doc: Y.Doc, sceneId: string, extra: Extensions = []): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({ element, extensions: [...manuscriptExtensions(), ...extra, Collaboration.configure({ document: doc, field: sceneField(sceneId) })] });
  editors.push(editor);
  return editor;
}
