'use client';

import type { Editor } from '@tiptap/react';
import { useEffect } from 'react';

/** Where the line being written stays, as a share of the window's height. */
const CARET_LINE_AT = 0.45;

/** Typewriter scrolling: while the writer types or moves the caret, the page moves, not the line. */
export function useTypewriter(editor: Editor | null, enabled: boolean) {
  useEffect(() => {
    if (!editor || !enabled) return;
    let frame = 0;
    const keep = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (editor.isDestroyed || !editor.isFocused) return;
        const caret = editor.view.coordsAtPos(editor.state.selection.head);
        const delta = caret.top - window.innerHeight * CARET_LINE_AT;
        if (Math.abs(delta) > 2) window.scrollBy({ top: delta });
      });
    };
    editor.on('selectionUpdate', keep);
    editor.on('update', keep);
    editor.on('focus', keep);
    return () => {
      cancelAnimationFrame(frame);
      editor.off('selectionUpdate', keep);
      editor.off('update', keep);
      editor.off('focus', keep);
    };
  }, [editor, enabled]);
}
