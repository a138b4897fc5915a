import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type * as Y from 'yjs';
import { readBinder, updateBinderItem } from '../manuscript/binder';

/** Longest chapter title taken from a line of text; a title, not a paragraph. */
export const MAX_CHAPTER_TITLE_CHARS = 200;

export type TakeChapterTitleResult = { ok: true; title: string; chapterId: string } | { ok: false; reason: string };

/**
 * "Chapter title": the line at the caret becomes the title of the scene's chapter in the binder
 * (the one place a chapter's title lives, printed once above the chapter) and leaves the text.
 */
export function takeChapterTitle(editor: Editor, doc: Y.Doc, sceneId: string): TakeChapterTitleResult {
  const binder = readBinder(doc);
  const parentId = binder.byId.get(sceneId)?.parentId;
  const chapter = parentId ? binder.byId.get(parentId) : undefined;
  if (chapter?.kind !== 'chapter') return { ok: false, reason: 'This scene is not in a chapter. Add a chapter in the binder and move the scene into it, then try again.' };
  const { $from } = editor.state.selection;
  const line = $from.parent;
  const title = line.textContent.replace(/\s+/g, ' ').trim().slice(0, MAX_CHAPTER_TITLE_CHARS);
  if (!line.isTextblock || !title) return { ok: false, reason: 'Put the caret on a line holding the chapter’s title, then press Chapter title.' };
  const from = $from.before();
  const to = $from.after();
  // The last line (or the only one) leaves an empty line behind, so the writer goes on writing there.
  const lastLine = $from.depth === 1 && $from.index(0) === editor.state.doc.childCount - 1;
  const removed = editor
    .chain()
    .focus()
    .command(({ tr, state }) => {
      if (!lastLine) return !!tr.delete(from, to);
      tr.replaceWith(from, to, state.schema.nodes.paragraph!.create());
      tr.setSelection(TextSelection.create(tr.doc, from + 1));
      return true;
    })
    .run();
  if (!removed) return { ok: false, reason: 'That line could not be moved to the chapter’s title.' };
  updateBinderItem(doc, chapter.id, { title });
  return { ok: true, title, chapterId: chapter.id };
}
