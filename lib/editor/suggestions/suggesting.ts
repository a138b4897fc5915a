import { isSuggestChangesEnabled, suggestChanges, suggestChangesKey } from '@handlewithcare/prosemirror-suggest-changes';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { SuggestionAttrs } from './marks';
import { trackAsSuggestion, type Suggester } from './track';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggesting: {
      /** Turns Suggesting on (what is typed becomes a suggestion) or off (ordinary editing). */
      setSuggesting: (on: boolean) => ReturnType;
    };
  }
}

export interface SuggestingOptions {
  /** The writer whose suggestions this editor makes; read at each change, so a role change applies at once. */
  suggester: () => Suggester | null;
  /** A writer's name (and colour), for the hover text; unknown ids read "A writer". */
  describeAuthor: (userId: string) => { name: string; color: string } | null;
  /** Told why a change could not be made as a suggestion (nothing changes). */
  onRefused: (message: string) => void;
}

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** "Who, when" on every suggestion, from the members list (marks carry only the user id). */
function authorDecorations(state: EditorState, describe: SuggestingOptions['describeAuthor']): DecorationSet {
  const decorations: Decoration[] = [];
  state.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') continue;
      const attrs = mark.attrs as SuggestionAttrs;
      const who = attrs.author ? describe(attrs.author) : null;
      const verb = mark.type.name === 'insertion' ? 'suggested adding this' : 'suggested deleting this';
      const when = attrs.time ? `, ${timeFormat.format(attrs.time)}` : '';
      decorations.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          title: `${who?.name ?? 'A writer'} ${verb}${when}`,
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(state.doc, decorations);
}

/** The ids of one writer's suggestions in a document (marks and suggested paragraph breaks). */
function suggestionIdsOf(doc: PMNode, userId: string): Set<string> {
  const ids = new Set<string>();
  doc.descendants((node) => {
    const onNode = node.attrs.suggestion as SuggestionAttrs | null | undefined;
    if (onNode?.author === userId) ids.add(String(onNode.id));
    for (const mark of node.marks) if ((mark.type.name === 'insertion' || mark.type.name === 'deletion') && mark.attrs.author === userId) ids.add(String(mark.attrs.id));
    return true;
  });
  return ids;
}

/**
 * A commenter's undo must only ever take back their own suggestions. Once a co-author accepts or
 * rejects one, undoing it would change text that is no longer theirs (the server refuses that), so
 * their undo history is cleared then.
 */
function forgetUndoneHistory(userId: () => string | null, storage: SuggestingStorage) {
  return new Plugin({
    view: () => ({
      update(view, previous) {
        const me = userId();
        if (!me || previous.doc.eq(view.state.doc)) return;
        const before = suggestionIdsOf(previous.doc, me);
        if (before.size === 0) return;
        const after = suggestionIdsOf(view.state.doc, me);
        if (![...before].some((id) => !after.has(id))) return;
        const undo = yUndoPluginKey.getState(view.state) as { undoManager?: { clear: () => void; undoStack: unknown[] } } | undefined;
        // Taken back by their own undo or withdrawal, the ids go too; only a co-author's review clears history.
        if (undo?.undoManager && !storage.lastChangeWasOwn) undo.undoManager.clear();
      },
    }),
  });
}

interface SuggestingStorage {
  /** Whether the last change to reach this editor was its writer's own (set in `dispatchTransaction`). */
  lastChangeWasOwn: boolean;
}

/**
 * Suggesting mode: while on, every change the writer makes is turned into a suggestion (see
 * `trackAsSuggestion`); changes from Yjs (co-authors, undo) pass through untouched, which is what
 * makes undo take back the writer's own suggestion. Off, the editor edits as usual.
 */
export const Suggesting = Extension.create<SuggestingOptions, SuggestingStorage>({
  name: 'suggesting',

  addStorage() {
    return { lastChangeWasOwn: true };
  },

  addOptions() {
    return { suggester: () => null, describeAuthor: () => null, onRefused: () => {} };
  },

  addCommands() {
    return {
      setSuggesting:
        (on) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(suggestChangesKey, { skip: true, enabled: on });
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const describe = this.options.describeAuthor;
    const key = new PluginKey<DecorationSet>('suggestionAuthors');
    return [
      suggestChanges(),
      forgetUndoneHistory(() => {
        const suggester = this.options.suggester();
        return suggester?.mustSuggest ? suggester.userId : null;
      }, this.storage),
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => authorDecorations(state, describe),
          apply: (tr, value, _old, state) => (tr.docChanged || tr.getMeta(key) ? authorDecorations(state, describe) : value.map(tr.mapping, tr.doc)),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },

  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    const ySync = (transaction.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean };
    if (transaction.docChanged) this.storage.lastChangeWasOwn = !ySync.isChangeOrigin || Boolean(ySync.isUndoRedoOperation);
    if (!transaction.docChanged || ySync.isChangeOrigin || ySync.isUndoRedoOperation) return next(transaction);
    const suggester = this.options.suggester();
    const skip = 'skip' in ((transaction.getMeta(suggestChangesKey) as object | undefined) ?? {});
    if (!isSuggestChangesEnabled(state) || skip) {
      // A commenter's own withdrawal (rejecting their suggestion) is the one plain edit they may make.
      if (suggester?.mustSuggest && !transaction.getMeta('suggestionReview')) return this.options.onRefused('As a commenter you can suggest changes: switch to Suggesting.');
      return next(transaction);
    }
    if (!suggester) return this.options.onRefused('You can’t change this text.');
    const tracked = trackAsSuggestion(transaction, state, suggester);
    if ('refused' in tracked) return this.options.onRefused(tracked.refused);
    next(tracked.tr);
  },
});
