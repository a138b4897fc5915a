'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { useEffect, useMemo, useRef } from 'react';
import { canWrite, hasAtLeast } from '@/lib/domain/roles';
import type { CommentThreadView } from '@/lib/comments/protocol';
import { CommentHighlights, setCommentThreads } from '@/lib/editor/comment-highlights';
import { CommentMargin } from '../_margin/comment-margin';
import { LEAVE_TEXT_HINT } from '@/lib/editor/keep-tab';
import { COMMENT_JUMP_KEYS } from '../_margin/comment-jump';
import { useTypewriter } from './use-typewriter';
import { useAppearance } from '../../../_components/use-appearance';
import type { CommentContext } from '../_margin/use-comments';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { sceneField } from '@/lib/collab/room-name';
import { manuscriptExtensions } from '@/lib/editor/extensions';
import { FindHighlights, matchPosition } from '@/lib/editor/find/find-highlights';
import { MAX_PASTE_CHARS, PasteLimit } from '@/lib/editor/paste-limit';
import { RepeatedTitleHint, setOpenedChapterTitle } from '@/lib/editor/repeated-title-hint';
import { effectiveMode, type EditingMode } from '@/lib/editor/suggestions/modes';
import { Suggesting } from '@/lib/editor/suggestions/suggesting';
import { suggestionIds, type Suggester } from '@/lib/editor/suggestions/track';
import { takeChapterTitle } from '@/lib/editor/take-chapter-title';
import { EditorToolbar } from './editor-toolbar';
import { ModeSwitch } from './mode-switch';
import { useCommentCommands } from './use-comment-commands';
import { knownWriters, splitSuggestionThreads, SuggestionCard, SuggestionColors, SuggestionReview, useSuggestions, writerOf, type Writer } from '../_margin/suggestion-cards';

interface SceneEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  sceneId: string;
  sceneTitle: string;
  /** The title of the chapter holding the scene, from the binder; printed once above the chapter. */
  chapterTitle?: string;
  /** Whether this is the chapter's first scene, whose opening heading may repeat the chapter's title. */
  opensChapter?: boolean;
  me: { id: string; name: string; color: string };
  /** Editing, Suggesting or Viewing as chosen in the toolbar (null: the role's default); the role bounds it. */
  mode: EditingMode | null;
  onModeChange: (mode: EditingMode) => void;
  /** Everyone on the manuscript, to name and colour their suggestions. */
  writers: { userId: string; name: string; color: string }[];
  /** Some scene of the manuscript holds suggestions: offers the review menu even where this one has none. */
  anySuggestions?: boolean;
  /** Shows the writer a message that something they did was refused. */
  onNotice: (message: string) => void;
  comments: CommentContext & { threads: CommentThreadView[] };
  /** Tells the workspace which editor is on screen (for Find), and null when it goes. */
  onEditor?: (editor: Editor | null) => void;
}

const megabytes = (chars: number) => (chars / 1_000_000).toFixed(1);

/** One scene's text, bound to its own fragment of the manuscript's Y.Doc. Never seeded here. */
export function SceneEditor({ doc, provider, sceneId, sceneTitle, chapterTitle, opensChapter, me, mode: chosenMode, onModeChange, writers, anySuggestions, onNotice, comments, onEditor }: SceneEditorProps) {
  const mode = effectiveMode(comments.role, chosenMode);
  // Readers see the text live but cannot type; changes with the role and the mode, without a reload.
  const editable = mode !== 'viewing';
  const nextId = useMemo(() => suggestionIds(() => doc.clientID), [doc]);
  const suggester = useRef<Suggester | null>(null);
  suggester.current = hasAtLeast(comments.role, 'commenter') ? { userId: me.id, mayRestructure: canWrite(comments.role), mustSuggest: !canWrite(comments.role), nextId } : null;
  const writersById = useRef(new Map<string, Writer>());
  writersById.current = knownWriters(provider, me, writers);
  const noticeRef = useRef(onNotice);
  noticeRef.current = onNotice;
  // Set once the comment commands exist, below; a click on a passage comes after the first render.
  const openSheetRef = useRef<(id: string) => void>(() => {});
  const canComment = hasAtLeast(comments.role, 'commenter');
  const sendRef = useRef(comments.send);
  sendRef.current = comments.send;
  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      extensions: [
        ...manuscriptExtensions(),
        Collaboration.configure({ document: doc, field: sceneField(sceneId) }),
        CollaborationCaret.configure({ provider, user: { name: me.name, color: me.color } }),
        CommentHighlights.configure({
          // Where this editor found a passage again, store it so every co-author agrees (first one wins on the server).
          onReanchor: (change) => void sendRef.current({ op: 'reanchor', threadId: change.threadId, previous: change.previous, anchor: change.anchor, quote: change.quote.slice(0, 2000), context: change.context }),
        }),
        Suggesting.configure({
          suggester: () => suggester.current,
          describeAuthor: (id) => writerOf(writersById.current, id),
          onRefused: (message) => noticeRef.current(message),
        }),
        FindHighlights,
        RepeatedTitleHint,
        PasteLimit.configure({
          onRefused: (chars) =>
            onNotice(
              `That paste is too large (${megabytes(chars)} MB). Paste at most ${megabytes(MAX_PASTE_CHARS)} MB at a time, for example a chapter at once.`,
            ),
        }),
      ],
      editable,
      editorProps: {
        // Ctrl+Alt+1 once made a chapter heading; now it moves the line into the chapter's title.
        handleKeyDown: (_view, event) => {
          if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.code !== 'Digit1') return false;
          setChapterTitleRef.current();
          return true;
        },
        // Focusable even when read-only, so commenters can select a passage and use the shortcut.
        attributes: {
          class: 'manuscript-text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': `Text of ${sceneTitle}`,
          'aria-describedby': `editor-keys-${sceneId}`,
          spellcheck: 'true',
          tabindex: '0',
        },
        handleDOMEvents: {
          // Hovering a commented passage emphasises its thread in the margin.
          mouseover: (_view, event) => {
            const id = (event.target as HTMLElement).closest?.('[data-thread-id]')?.getAttribute('data-thread-id');
            if (id) comments.setActiveId(id);
            return false;
          },
          click: (_view, event) => {
            const target = event.target as HTMLElement;
            const id = target.closest?.('[data-thread-id]')?.getAttribute('data-thread-id');
            if (id) openSheetRef.current(id);
            // A suggestion's card opens in the sheet the same way, from its words.
            const suggestion = target.closest?.('.suggestion[data-suggestion-id]')?.getAttribute('data-suggestion-id');
            if (!id && suggestion) openSheetRef.current(`suggestion:${suggestion}`);
            return false;
          },
        },
      },
    },
    [doc, provider, sceneId],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  useTypewriter(editor, useAppearance().typewriter);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.setSuggesting(mode === 'suggesting');
  }, [editor, mode]);

  const onEditorRef = useRef(onEditor);
  onEditorRef.current = onEditor;
  useEffect(() => {
    if (!editor) return;
    onEditorRef.current?.(editor);
    return () => onEditorRef.current?.(null);
  }, [editor]);
  const openedChapterTitle = opensChapter && chapterTitle !== undefined ? chapterTitle : null;
  useEffect(() => {
    if (editor && !editor.isDestroyed) setOpenedChapterTitle(editor.view, openedChapterTitle);
  }, [editor, openedChapterTitle]);

  const suggestions = useSuggestions(editor);
  const { sceneThreads, threadOfSuggestion } = splitSuggestionThreads(comments.threads, sceneId, suggestions);
  const anchorsKey = sceneThreads.map((t) => `${t.id}:${t.resolvedAt ? 1 : 0}:${t.anchor.start}:${t.anchor.end}`).join(',');
  const suggestionCards = editor
    ? suggestions.map((suggestion) => ({
        id: `suggestion:${suggestion.id}`,
        from: suggestion.from,
        render: (top: number, cardRef: (element: HTMLElement | null) => void) => (
          <SuggestionCard
            editor={editor}
            sceneId={sceneId}
            suggestion={suggestion}
            writer={writerOf(writersById.current, suggestion.author)}
            thread={threadOfSuggestion.get(suggestion.id) ?? null}
            comments={comments}
            top={top}
            cardRef={cardRef}
          />
        ),
      }))
    : [];
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    setCommentThreads(editor.view, { threads: sceneThreads.filter((t) => !t.resolvedAt).map((t) => ({ id: t.id, anchor: t.anchor, quote: t.quote, context: t.context })) });
    // anchorsKey stands for the threads' identities and states, which is all the highlights depend on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, anchorsKey]);
  useEffect(() => {
    if (editor && !editor.isDestroyed) setCommentThreads(editor.view, { activeId: comments.activeId });
  }, [editor, comments.activeId]);

  const { composer, closeComposer, startComment, sheetThreadId, openSheet, returnToPassage } = useCommentCommands({ editor, sceneId, canComment, comments, onNotice });
  openSheetRef.current = openSheet;

  /** The line at the caret becomes the chapter's title in the binder, so it is printed once. */
  const setChapterTitle = () => {
    if (!editor) return;
    const result = takeChapterTitle(editor, doc, sceneId);
    onNotice(result.ok ? `“${result.title}” is now the chapter’s title. It is printed once, above the chapter; rename it in the binder.` : result.reason);
  };
  const setChapterTitleRef = useRef(setChapterTitle);
  setChapterTitleRef.current = setChapterTitle;
  return (
    <div className="scene">
      <SuggestionColors writers={writersById.current} />
      {chapterTitle !== undefined ? (
        <p className="scene-chapter" data-testid="scene-chapter">
          <span className="muted">Chapter:</span> {chapterTitle || 'Untitled chapter'}
        </p>
      ) : null}
      <h2 className="scene-heading">{sceneTitle || 'Untitled scene'}</h2>
      <p id={`editor-keys-${sceneId}`} className="visually-hidden">
        {canComment ? `Control+Alt+M comments on the selected words; ${COMMENT_JUMP_KEYS} goes from a commented passage to its thread, and back. ` : 'Read only. '}
        {LEAVE_TEXT_HINT}
      </p>
      {mode === 'viewing' ? (
        <div className="toolbar" role="toolbar" aria-label="Formatting">
          <ModeSwitch role={comments.role} mode={mode} onChange={onModeChange} />
          {canComment ? (
            <button type="button" onClick={startComment} title="Comment on the selection (Ctrl+Alt+M)">
              Comment
            </button>
          ) : null}
        </div>
      ) : (
        <EditorToolbar editor={editor} onComment={startComment} onChapterTitle={setChapterTitle} formatting={mode === 'editing'} modeSwitch={<ModeSwitch role={comments.role} mode={mode} onChange={onModeChange} />} />
      )}
      {editor && canWrite(comments.role) && (anySuggestions || suggestions.length > 0) ? <SuggestionReview editor={editor} doc={doc} sceneId={sceneId} writers={writersById.current} here={suggestions} onNotice={onNotice} /> : null}
      <div className="page-row">
        <article className="page">
          <EditorContent editor={editor} />
          {editor && canComment ? (
            <BubbleMenu editor={editor} shouldShow={({ state, view }) => !state.selection.empty && (view.hasFocus() || matchPosition(state).current < 0)} className="bubble">
              <button type="button" onClick={startComment}>
                Comment
              </button>
            </BubbleMenu>
          ) : null}
        </article>
        <CommentMargin editor={editor} threads={sceneThreads} comments={comments} composer={composer} closeComposer={closeComposer} onReturnToPassage={returnToPassage} sheetThreadId={sheetThreadId} extraCards={suggestionCards} />
      </div>
    </div>
  );
}
