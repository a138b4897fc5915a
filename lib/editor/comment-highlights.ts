import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { resolveAnchor, type Anchor, type ProsemirrorMapping } from '../comments/anchor';

export interface HighlightedThread {
  id: string;
  anchor: Anchor;
}

interface HighlightState {
  threads: HighlightedThread[];
  activeId: string | null;
  ranges: Map<string, { from: number; to: number }>;
  decorations: DecorationSet;
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

/** Where each thread's passage is in this editor now; absent threads are detached. */
export function commentRanges(state: EditorState): Map<string, { from: number; to: number }> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map();
}

function compute(state: EditorState, threads: HighlightedThread[], activeId: string | null): Pick<HighlightState, 'ranges' | 'decorations'> {
  const binding = ySyncPluginKey.getState(state)?.binding as { type: Y.XmlFragment; doc: Y.Doc; mapping: ProsemirrorMapping } | undefined;
  const ranges = new Map<string, { from: number; to: number }>();
  if (binding && binding.mapping.size > 0) {
    for (const thread of threads) {
      const range = resolveAnchor(binding.doc, binding.type, binding.mapping, thread.anchor);
      if (range && range.to <= state.doc.content.size) ranges.set(thread.id, range);
    }
  }
  const decorations = [...ranges].map(([id, range]) =>
    Decoration.inline(range.from, range.to, { class: id === activeId ? 'comment-highlight comment-highlight--active' : 'comment-highlight', 'data-thread-id': id }),
  );
  return { ranges, decorations: DecorationSet.create(state.doc, decorations) };
}

/**
 * Comment passages as editor decorations (never document marks, so commenting never changes the
 * text). Threads arrive with `setCommentThreads`; positions follow every edit via their anchors.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',

  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ threads: [], activeId: null, ranges: new Map(), decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(commentHighlightsKey) as Partial<Pick<HighlightState, 'threads' | 'activeId'>> | undefined;
            const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
            if (!meta && !tr.docChanged) return value;
            if (!meta && !fromYjs) {
              // A local edit reaches Yjs only after this transaction, so follow it by position mapping.
              const ranges = new Map<string, { from: number; to: number }>();
              for (const [id, range] of value.ranges) {
                const from = tr.mapping.map(range.from, 1);
                const to = tr.mapping.map(range.to, -1);
                if (to > from) ranges.set(id, { from, to });
              }
              return { ...value, ranges, decorations: value.decorations.map(tr.mapping, tr.doc) };
            }
            const threads = meta?.threads ?? value.threads;
            const activeId = meta && 'activeId' in meta ? (meta.activeId ?? null) : value.activeId;
            return { threads, activeId, ...compute(state, threads, activeId) };
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});

/** Tells the editor which threads to highlight, and which one is emphasised. */
export function setCommentThreads(view: { state: EditorState; dispatch: (tr: EditorState['tr']) => void }, update: { threads?: HighlightedThread[]; activeId?: string | null }) {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, update).setMeta('addToHistory', false));
}
