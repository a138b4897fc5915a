import { Extension } from '@tiptap/core';
import type { Node as PMNode, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { ReplaceStep, type Step } from '@tiptap/pm/transform';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { anchorIntact, contextAround, encodeAnchor, locatePassage, resolveAnchorPositions, sameAnchor, type Anchor, type AnchoredPassage, type ProsemirrorMapping, type Range } from '../comments/anchor';
import { sameWords, type QuoteContext } from '../comments/locate';

export interface HighlightedThread extends AnchoredPassage {
  id: string;
}

/** A thread whose passage was found again somewhere its stored anchor no longer leads: store this so co-authors agree. */
export interface Reanchor {
  threadId: string;
  /** The anchor this was computed from; the server keeps the first re-anchoring of it and ignores the rest. */
  previous: Anchor;
  anchor: Anchor;
  quote: string;
  context: QuoteContext;
}

interface HighlightState {
  threads: HighlightedThread[];
  activeId: string | null;
  ranges: Map<string, Range>;
  decorations: DecorationSet;
  /** Re-anchorings found by this transaction, reported once the view updates. */
  moved: Reanchor[];
  /** Ranges were mapped through a local edit, which reaches Yjs only in the view update. */
  mappedLocally: boolean;
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

/** Where each thread's passage is in this editor now; absent threads are detached. */
export function commentRanges(state: EditorState): Map<string, Range> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map();
}

type Binding = { type: Y.XmlFragment; doc: Y.Doc; mapping: ProsemirrorMapping };
const bindingOf = (state: EditorState) => ySyncPluginKey.getState(state)?.binding as Binding | undefined;

const decorate = (state: EditorState, ranges: Map<string, Range>, activeId: string | null) =>
  DecorationSet.create(
    state.doc,
    [...ranges].map(([id, range]) =>
      Decoration.inline(range.from, range.to, { class: id === activeId ? 'comment-highlight comment-highlight--active' : 'comment-highlight', 'data-thread-id': id }),
    ),
  );

/**
 * Typing or deleting inside one paragraph: the binding edits that paragraph's text in place, so
 * anchors hold and need no check. Anything else (Enter, joins, pastes of paragraphs) may rewrite it.
 */
function typingWithin(step: Step, doc: PMNode): boolean {
  if (!(step instanceof ReplaceStep)) return false;
  const { slice, from, to } = step as unknown as { slice: Slice; from: number; to: number };
  if (slice.openStart > 0 || slice.openEnd > 0) return false;
  let inline = true;
  slice.content.forEach((node) => (inline &&= node.isInline));
  return inline && doc.resolve(from).parent === doc.resolve(to).parent;
}

export interface CommentHighlightsOptions {
  /** Called once per re-anchored thread, to store its new anchor. */
  onReanchor: ((change: Reanchor) => void) | null;
}

/**
 * Comment passages as editor decorations (never document marks, so commenting never changes the
 * text). Threads arrive with `setCommentThreads`; positions follow every edit via their anchors, and
 * a passage whose anchor is lost to a rewrite of its paragraph is found again by its words.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',

  addOptions() {
    return { onReanchor: null };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    // Anchors this editor has re-anchored, used until the server's copy of the thread catches up.
    const local = new Map<string, { previous: Anchor; anchor: Anchor }>();
    const anchorOf = (thread: HighlightedThread) => {
      const override = local.get(thread.id);
      if (override && sameAnchor(override.previous, thread.anchor)) return override.anchor;
      local.delete(thread.id);
      return thread.anchor;
    };
    const reanchor = (state: EditorState, binding: Binding, thread: HighlightedThread, range: Range): Reanchor | null => {
      const anchor = encodeAnchor(binding.type, binding.mapping, range.from, range.to);
      // Only an anchor that leads back to this very range is worth storing (never a loop of re-anchorings).
      const check = resolveAnchorPositions(binding.doc, binding.type, binding.mapping, anchor);
      if (!check || check.from !== range.from || check.to !== range.to) return null;
      local.set(thread.id, { previous: thread.anchor, anchor });
      const now = state.doc.textBetween(range.from, range.to, ' ');
      // The quote keeps the words as written unless they were really edited (a paragraph break is not an edit).
      const quote = sameWords(now, thread.quote) ? thread.quote : now;
      return { threadId: thread.id, previous: thread.anchor, anchor, quote, context: contextAround(state.doc, range.from, range.to) };
    };
    const compute = (state: EditorState, threads: HighlightedThread[], activeId: string | null): Omit<HighlightState, 'threads' | 'activeId' | 'mappedLocally'> => {
      const binding = bindingOf(state);
      const ranges = new Map<string, Range>();
      const moved: Reanchor[] = [];
      if (binding && binding.mapping.size > 0) {
        for (const thread of threads) {
          const byPositions = resolveAnchorPositions(binding.doc, binding.type, binding.mapping, anchorOf(thread));
          const range = locatePassage(state.doc, byPositions, thread);
          if (!range || range.to > state.doc.content.size) continue;
          ranges.set(thread.id, { from: range.from, to: range.to });
          const change = range.moved ? reanchor(state, binding, thread, range) : null;
          if (change) moved.push(change);
        }
      }
      return { ranges, moved, decorations: decorate(state, ranges, activeId) };
    };

    const reported = new Set<string>();
    const report = (changes: Reanchor[]) => {
      for (const change of changes) {
        const key = `${change.threadId}:${change.previous.start}:${change.anchor.start}:${change.anchor.end}`;
        if (reported.has(key)) continue;
        reported.add(key);
        options.onReanchor?.(change);
      }
    };

    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ threads: [], activeId: null, ranges: new Map(), decorations: DecorationSet.empty, moved: [], mappedLocally: false }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(commentHighlightsKey) as Partial<Pick<HighlightState, 'threads' | 'activeId'>> | undefined;
            const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
            if (!meta && !tr.docChanged) return value.moved.length || value.mappedLocally ? { ...value, moved: [], mappedLocally: false } : value;
            if (!meta && !fromYjs) {
              // A local edit reaches Yjs only after this transaction, so follow it by position mapping;
              // where the edit replaced the passage's edges (a paste over it), look for its words nearby.
              const ranges = new Map<string, Range>();
              for (const thread of value.threads) {
                const range = value.ranges.get(thread.id);
                if (!range) continue;
                const start = tr.mapping.mapResult(range.from, 1);
                const end = tr.mapping.mapResult(range.to, -1);
                const mapped = { from: start.pos, to: end.pos };
                if (!start.deletedAfter && !end.deletedBefore && mapped.to > mapped.from) ranges.set(thread.id, mapped);
                else {
                  const found = locatePassage(tr.doc, mapped, thread);
                  if (found) ranges.set(thread.id, { from: found.from, to: found.to });
                }
              }
              return { ...value, ranges, moved: [], mappedLocally: !tr.steps.every((step, i) => typingWithin(step, tr.docs[i]!)), decorations: decorate(state, ranges, value.activeId) };
            }
            const threads = meta?.threads ?? value.threads;
            const activeId = meta && 'activeId' in meta ? (meta.activeId ?? null) : value.activeId;
            if (meta && !meta.threads && !tr.docChanged) return { ...value, activeId, moved: [], mappedLocally: false, decorations: decorate(state, value.ranges, activeId) };
            return { threads, activeId, mappedLocally: false, ...compute(state, threads, activeId) };
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
        },
        view: () => ({
          update(view) {
            const value = commentHighlightsKey.getState(view.state);
            const binding = bindingOf(view.state);
            if (!value || !binding) return;
            report(value.moved);
            if (!value.mappedLocally) return;
            // The local edit is in Yjs now: where the author's edit rewrote a passage's paragraph, its
            // relative positions no longer lead to it, so anchor it afresh where the mapping put it.
            const changes: Reanchor[] = [];
            for (const thread of value.threads) {
              const range = value.ranges.get(thread.id);
              if (!range) continue;
              const anchor = anchorOf(thread);
              const byPositions = anchorIntact(binding.doc, anchor) ? resolveAnchorPositions(binding.doc, binding.type, binding.mapping, anchor) : null;
              const change = !byPositions || byPositions.from !== range.from || byPositions.to !== range.to ? reanchor(view.state, binding, thread, range) : null;
              if (change) changes.push(change);
            }
            report(changes);
          },
        }),
      }),
    ];
  },
});

/** Tells the editor which threads to highlight, and which one is emphasised. */
export function setCommentThreads(view: { state: EditorState; dispatch: (tr: EditorState['tr']) => void }, update: { threads?: HighlightedThread[]; activeId?: string | null }) {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, update).setMeta('addToHistory', false));
}
