import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { withoutRepeatedChapterTitle } from '../manuscript/chapter-title';

/** The title of the chapter this scene opens, or null when the scene does not open a chapter. */
interface HintState {
  chapterTitle: string | null;
}

export const repeatedTitleHintKey = new PluginKey<HintState>('repeatedTitleHint');

/** What the writer reads above a heading that only repeats the chapter's title. */
export const REPEATED_TITLE_NOTE = 'Not printed: the chapter’s title comes from the binder';

/** The heading at the top of the scene that readers and exports skip, if there is one. */
function repeatedHeading(doc: PMNode, chapterTitle: string): { from: number; node: PMNode } | null {
  const blocks: { type: string; node: PMNode; from: number }[] = [];
  doc.forEach((node, offset) => blocks.push({ type: node.type.name, node, from: offset }));
  // Only the first few blocks can hold it: an empty line or two, then the heading.
  const head = blocks.slice(0, 8);
  const kept = withoutRepeatedChapterTitle(head, chapterTitle, (block) => block.node.textContent);
  if (kept.length === head.length) return null;
  const heading = head[head.length - kept.length - 1]!;
  return { from: heading.from, node: heading.node };
}

/**
 * Marks, without touching the text, a heading at the top of a chapter's first scene that repeats
 * the chapter's title: the writer sees why the read-through and exports print it only once.
 */
export const RepeatedTitleHint = Extension.create({
  name: 'repeatedTitleHint',

  addProseMirrorPlugins() {
    return [
      new Plugin<HintState>({
        key: repeatedTitleHintKey,
        state: {
          init: () => ({ chapterTitle: null }),
          apply: (tr, value) => (tr.getMeta(repeatedTitleHintKey) as HintState | undefined) ?? value,
        },
        props: {
          decorations(state: EditorState) {
            const { chapterTitle } = repeatedTitleHintKey.getState(state)!;
            if (chapterTitle === null) return null;
            const found = repeatedHeading(state.doc, chapterTitle);
            if (!found) return null;
            return DecorationSet.create(state.doc, [
              Decoration.node(found.from, found.from + found.node.nodeSize, { class: 'repeats-chapter-title', 'data-note': REPEATED_TITLE_NOTE, title: REPEATED_TITLE_NOTE }),
            ]);
          },
        },
      }),
    ];
  },
});

/** Tells the editor which chapter title its scene opens (null: none), so the hint can follow renames. */
export function setOpenedChapterTitle(view: EditorView, chapterTitle: string | null): void {
  view.dispatch(view.state.tr.setMeta(repeatedTitleHintKey, { chapterTitle }));
}
