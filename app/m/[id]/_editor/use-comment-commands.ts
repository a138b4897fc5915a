'use client';

import type { Editor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { contextAround, encodeAnchor, type ProsemirrorMapping } from '@/lib/comments/anchor';
import { commentRanges } from '@/lib/editor/comment-highlights';
import type { Composer } from '../_margin/comment-margin';
import { isCommentJump, threadAtCaret } from '../_margin/comment-jump';
import type { CommentContext } from '../_margin/use-comments';

/**
 * A shortcut pressed right after Shift+arrows can come before the browser's selectionchange reaches
 * ProseMirror; reading the DOM's selection now makes the shortcut act on what the writer sees selected.
 */
export function readPendingSelection(editor: Editor) {
  (editor.view as unknown as { domObserver?: { flush?: () => void } }).domObserver?.flush?.();
}

/** Control+Alt+M: comment on the selected words. */
const isCommentKey = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === 'm';

interface CommentCommandsOptions {
  editor: Editor | null;
  sceneId: string;
  canComment: boolean;
  comments: CommentContext;
  onNotice: (message: string) => void;
}

/**
 * Commenting from the text: the composer beside a selected passage (Control+Alt+M), the jump from a
 * commented passage to its thread and back (Control+Alt+J), and the phone sheet showing one thread.
 */
export function useCommentCommands({ editor, sceneId, canComment, comments, onNotice }: CommentCommandsOptions) {
  const [composer, setComposer] = useState<Composer | null>(null);
  // On phones and tablets, the thread a writer tapped (or jumped to) opens as a sheet over the text.
  const [sheetThreadId, setSheetThreadId] = useState<string | null>(null);
  // Where the caret was when the writer jumped to a thread, so the way back lands there again.
  const jumpedFrom = useRef<{ threadId: string; pos: number } | null>(null);

  /** Closes the composer and gives the caret back to the text, so the writer goes on typing. */
  const closeComposer = () => {
    setComposer(null);
    if (editor && !editor.isDestroyed) editor.commands.focus();
  };

  /** Opens the comment composer beside the selected passage. */
  const startComment = () => {
    if (!editor || !canComment) return;
    readPendingSelection(editor);
    const { from, to, empty } = editor.state.selection;
    if (empty) return onNotice('Select the words you want to comment on first.');
    const binding = ySyncPluginKey.getState(editor.state)?.binding as { type: Y.XmlFragment; mapping: ProsemirrorMapping } | undefined;
    if (!binding) return;
    const anchor = encodeAnchor(binding.type, binding.mapping, from, to);
    const quote = editor.state.doc.textBetween(from, to, ' ').slice(0, 2000);
    const context = contextAround(editor.state.doc, from, to);
    const row = editor.view.dom.closest('.page-row');
    const top = editor.view.coordsAtPos(from).top - (row?.getBoundingClientRect().top ?? 0);
    setComposer({
      top,
      quote,
      create: async (body, mentions) => {
        const refusal = await comments.send({ op: 'create', sceneId, anchor, quote, context, body, mentions });
        if (!refusal) {
          closeComposer();
          // The caret rests at the passage's end, inside it (Control+Alt+J reaches the thread), with no selection left showing.
          if (editor && !editor.isDestroyed) editor.commands.setTextSelection(editor.state.selection.to);
        }
        return refusal;
      },
    });
  };

  /** From the commented passage under the caret to its thread in the margin. */
  const jumpToThread = () => {
    if (!editor) return;
    readPendingSelection(editor);
    const threadId = threadAtCaret(editor.state);
    if (!threadId) return onNotice('The caret is not in a commented passage.');
    jumpedFrom.current = { threadId, pos: editor.state.selection.from };
    comments.setActiveId(threadId);
    setSheetThreadId(threadId);
    // A frame later: on a phone the card is shown only once its sheet has opened.
    requestAnimationFrame(() => {
      const card = document.querySelector<HTMLElement>(`.comment-margin [data-thread-id="${threadId}"]`);
      card?.scrollIntoView({ block: 'nearest' });
      card?.focus();
    });
  };

  /** From a thread back to its passage, at the caret the writer left. */
  const returnToPassage = (threadId: string) => {
    if (!editor || editor.isDestroyed) return;
    setSheetThreadId(null);
    const range = commentRanges(editor.state).get(threadId);
    if (!range) return void editor.commands.focus();
    const back = jumpedFrom.current;
    const pos = back?.threadId === threadId && back.pos >= range.from && back.pos <= range.to ? back.pos : range.from;
    editor.chain().focus().setTextSelection(pos).scrollIntoView().run();
  };

  const latest = useRef({ startComment, jumpToThread });
  latest.current = { startComment, jumpToThread };
  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onKey = (event: KeyboardEvent) => {
      if (isCommentKey(event)) {
        event.preventDefault();
        latest.current.startComment();
      } else if (isCommentJump(event)) {
        event.preventDefault();
        latest.current.jumpToThread();
      }
    };
    dom.addEventListener('keydown', onKey);
    return () => dom.removeEventListener('keydown', onKey);
  }, [editor]);

  return { composer, closeComposer, startComment, sheetThreadId, openSheet: setSheetThreadId, returnToPassage };
}
