'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';

/** Formatting (when editing), Comment, Undo and Redo above the text; the mode switch leads it. */
export function EditorToolbar({ editor, onComment, onChapterTitle, formatting, modeSwitch }: { editor: Editor | null; onComment: () => void; onChapterTitle: () => void; formatting: boolean; modeSwitch: ReactNode }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            quote: e.isActive('blockquote'),
            canUndo: e.can().undo(),
            canRedo: e.can().redo(),
          }
        : null,
  });
  if (!editor || !state) return <div className="toolbar" aria-hidden />;
  const run = (command: () => boolean) => () => command();
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {modeSwitch}
      {formatting ? (
        <>
      <button type="button" aria-pressed={state.italic} title="Italic (Ctrl+I)" onClick={run(() => editor.chain().focus().toggleItalic().run())}>
        <em>I</em>
      </button>
      <button type="button" aria-pressed={state.bold} title="Bold (Ctrl+B)" onClick={run(() => editor.chain().focus().toggleBold().run())}>
        <strong>B</strong>
      </button>
      <span className="toolbar-gap" />
      <button type="button" title="Make this line the chapter’s title, kept in the binder and printed once above the chapter (Ctrl+Alt+1)" onClick={onChapterTitle}>
        Chapter title
      </button>
      <button type="button" aria-pressed={state.quote} title="Block quote" onClick={run(() => editor.chain().focus().toggleBlockquote().run())}>
        Quote
      </button>
      <button type="button" title="Scene break (# then Enter, or Ctrl+Alt+8)" onClick={run(() => editor.chain().focus().insertSceneBreak().run())}>
        #
      </button>
        </>
      ) : null}
      <span className="toolbar-gap" />
      <button type="button" title="Comment on the selection (Ctrl+Alt+M)" onClick={onComment}>
        Comment
      </button>
      <span className="toolbar-gap" />
      <button type="button" title="Undo your last change (Ctrl+Z)" disabled={!state.canUndo} onClick={run(() => editor.chain().focus().undo().run())}>
        Undo
      </button>
      <button type="button" title="Redo (Ctrl+Shift+Z)" disabled={!state.canRedo} onClick={run(() => editor.chain().focus().redo().run())}>
        Redo
      </button>
    </div>
  );
}
