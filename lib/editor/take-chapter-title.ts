import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { BINDER_FIELD, readBinder, updateBinderItem } from '../manuscript/binder';

/** Longest chapter title taken from a line of text; a title, not a paragraph. */
export const MAX_CHAPTER_TITLE_CHARS = 200;
/** A line with more words than this reads as prose, not a title. */
export const MAX_CHAPTER_TITLE_WORDS = 12;

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
  // Only where a chapter's title is written: its first scene. Elsewhere it would rename the chapter by surprise.
  if (chapter.children.find((child) => child.kind === 'scene')?.id !== sceneId) {
    return { ok: false, reason: `Chapter title takes a line from the first scene of “${chapter.title}”. To rename the chapter, rename it in the binder (F2).` };
  }
  const { $from } = editor.state.selection;
  const line = $from.parent;
  const title = line.textContent.replace(/\s+/g, ' ').trim().slice(0, MAX_CHAPTER_TITLE_CHARS);
  if (!line.isTextblock || !title) return { ok: false, reason: 'Put the caret on a line holding the chapter’s title, then press Chapter title.' };
  if (title.split(' ').length > MAX_CHAPTER_TITLE_WORDS) return { ok: false, reason: 'That line reads like prose, not a title. Put the caret on the title’s own line, or rename the chapter in the binder (F2).' };
  // Its own Undo step, apart from the typing just before it; the rename joins it below.
  const undoManager = yUndoPluginKey.getState(editor.state)?.undoManager as Y.UndoManager | undefined;
  undoManager?.stopCapturing();
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
  // One Undo in the editor puts the line back and the old title with it: the rename joins the editor's undo step.
  undoManager?.addToScope(doc.getMap(BINDER_FIELD));
  doc.transact(() => updateBinderItem(doc, chapter.id, { title }), undoManager ? ySyncPluginKey : null);
  undoManager?.stopCapturing();
  return { ok: true, title, chapterId: chapter.id };
}
