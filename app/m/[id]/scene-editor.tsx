'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { sceneField } from '@/lib/collab/room-name';
import { manuscriptExtensions } from '@/lib/editor/extensions';
import { MAX_PASTE_CHARS, PasteLimit } from '@/lib/editor/paste-limit';

interface SceneEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  sceneId: string;
  sceneTitle: string;
  me: { name: string; color: string };
  /** Readers see the text live but cannot type; changes with the role, without a reload. */
  editable: boolean;
  /** Shows the writer a message that something they did was refused. */
  onNotice: (message: string) => void;
}

const megabytes = (chars: number) => (chars / 1_000_000).toFixed(1);

/** One scene's text, bound to its own fragment of the manuscript's Y.Doc. Never seeded here. */
export function SceneEditor({ doc, provider, sceneId, sceneTitle, me, editable, onNotice }: SceneEditorProps) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      extensions: [
        ...manuscriptExtensions(),
        Collaboration.configure({ document: doc, field: sceneField(sceneId) }),
        CollaborationCaret.configure({ provider, user: { name: me.name, color: me.color } }),
        PasteLimit.configure({
          onRefused: (chars) =>
            onNotice(
              `That paste is too large (${megabytes(chars)} MB). Paste at most ${megabytes(MAX_PASTE_CHARS)} MB at a time, for example a chapter at once.`,
            ),
        }),
      ],
      editable,
      editorProps: {
        attributes: { class: 'manuscript-text', 'aria-label': `Text of ${sceneTitle}`, spellcheck: 'true' },
      },
    },
    [doc, provider, sceneId],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="scene">
      <h2 className="scene-heading">{sceneTitle || 'Untitled scene'}</h2>
      {editable ? <Toolbar editor={editor} /> : <div className="toolbar" aria-hidden />}
      <article className="page">
        <EditorContent editor={editor} />
      </article>
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor | null }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            heading: e.isActive('heading', { level: 1 }),
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
      <button type="button" aria-pressed={state.italic} title="Italic (Ctrl+I)" onClick={run(() => editor.chain().focus().toggleItalic().run())}>
        <em>I</em>
      </button>
      <button type="button" aria-pressed={state.bold} title="Bold (Ctrl+B)" onClick={run(() => editor.chain().focus().toggleBold().run())}>
        <strong>B</strong>
      </button>
      <span className="toolbar-gap" />
      <button
        type="button"
        aria-pressed={state.heading}
        title="Chapter heading (Ctrl+Alt+1)"
        aria-label="Chapter heading"
        onClick={run(() => editor.chain().focus().toggleHeading({ level: 1 }).run())}
      >
        Chapter
      </button>
      <button type="button" aria-pressed={state.quote} title="Block quote" onClick={run(() => editor.chain().focus().toggleBlockquote().run())}>
        Quote
      </button>
      <button type="button" title="Scene break (# then Enter, or Ctrl+Alt+8)" onClick={run(() => editor.chain().focus().insertSceneBreak().run())}>
        #
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
