'use client';

import { getSchema } from '@tiptap/core';
import { DOMSerializer, Fragment, type Node as PMNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { sceneField } from '@/lib/collab/room-name';
import { manuscriptExtensions } from '@/lib/editor/extensions';
import type { Binder, BinderNode } from '@/lib/manuscript/binder';
import { reviewSuggestions } from '@/lib/editor/suggestions/review';
import { withoutRepeatedChapterTitle } from '@/lib/manuscript/chapter-title';
import type { SuggestionView } from '@/lib/manuscript/word-count';

/** Re-render at most this often while co-authors type, so reading stays smooth. */
const REFRESH_MS = 500;

/** The whole manuscript as continuous text, chapter by chapter; any scene opens for editing. */
export function ReadThrough({ doc, binder, onEditScene, suggestions }: { doc: Y.Doc; binder: Binder; onEditScene: (id: string) => void; suggestions?: SuggestionView }) {
  const schema = useMemo(() => getSchema(manuscriptExtensions()), []);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const serializer = DOMSerializer.fromSchema(schema);
    const render = () => {
      const root = container.current;
      if (!root) return;
      for (const section of root.querySelectorAll<HTMLElement>('[data-scene-text]')) {
        const id = section.dataset.sceneText!;
        const marked = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(id)), schema);
        // Suggestions read as the original (all rejected) or as if all were accepted; unset, they show marked.
        const resolved = suggestions ? reviewSuggestions(EditorState.create({ schema, doc: marked }), suggestions === 'original' ? 'reject' : 'accept', () => true) : null;
        const node = resolved ? resolved.doc : marked;
        const printed = printedContent(node, section.dataset.chapterTitle);
        section.replaceChildren(serializer.serializeFragment(printed));
        section.closest('.read-scene')?.toggleAttribute('data-empty', printed.textBetween(0, printed.size, ' ').trim() === '' && printed.childCount <= 1);
      }
      // A scene break (#) goes between two non-empty scenes of the same chapter, never after a heading.
      let afterScene = false;
      for (const block of root.children) {
        if (!block.classList.contains('read-scene')) afterScene = false;
        else if (!block.hasAttribute('data-empty')) {
          block.toggleAttribute('data-after-scene', afterScene);
          afterScene = true;
        }
      }
    };
    render();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      if (timer === undefined) timer = setTimeout(() => ((timer = undefined), render()), REFRESH_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc, schema, binder, suggestions]);

  const blocks: React.ReactNode[] = [];
  const walk = (node: BinderNode, parent?: BinderNode) => {
    if (node.kind === 'part') blocks.push(<h2 key={node.id} className="read-part">{node.title}</h2>);
    if (node.kind === 'chapter') blocks.push(<h2 key={node.id} className="read-chapter">{node.title}</h2>);
    if (node.kind === 'scene') {
      // The chapter's first scene knows the chapter's title, so a heading repeating it is not read twice.
      const opensChapter = parent?.kind === 'chapter' && parent.children.find((child) => child.kind === 'scene') === node;
      blocks.push(
        <section key={node.id} className="read-scene" aria-label={node.title}>
          <button type="button" className="read-edit link-button small" onClick={() => onEditScene(node.id)}>
            Edit “{node.title || 'Untitled'}”
          </button>
          <div className="manuscript-text read-text" data-scene-text={node.id} data-chapter-title={opensChapter ? parent.title : undefined} />
        </section>,
      );
    }
    node.children.forEach((child) => walk(child, node));
  };
  binder.roots.forEach((root) => walk(root));

  return (
    <article className="page read-through" aria-label="Read-through" ref={container}>
      {blocks}
    </article>
  );
}

/** A scene's text as printed: without a leading heading that repeats its chapter's title. */
function printedContent(scene: PMNode, chapterTitle: string | undefined): Fragment {
  if (chapterTitle === undefined) return scene.content;
  const blocks: { type: string; node: PMNode }[] = [];
  scene.forEach((node) => blocks.push({ type: node.type.name, node }));
  const kept = withoutRepeatedChapterTitle(blocks, chapterTitle, (block) => block.node.textContent);
  return kept.length === blocks.length ? scene.content : Fragment.fromArray(kept.map((block) => block.node));
}
