import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { getMatchHighlights, search, SearchQuery, setSearchState } from 'prosemirror-search';
import { insideSuggestion, replacementsFor } from './query';

/** Highlights Find's matches in the open scene as decorations: the document itself is never touched. */
export const FindHighlights = Extension.create({
  name: 'findHighlights',
  addProseMirrorPlugins() {
    return [search()];
  },
});

const NO_QUERY = new SearchQuery({ search: '' });

/** Shows (or, with null, clears) a query's matches in this editor. */
export function showQuery(view: EditorView, query: SearchQuery | null): void {
  view.dispatch(setSearchState(view.state.tr, query ?? NO_QUERY));
}

export interface MatchPosition {
  /** 0-based index of the selected match, or -1 when the selection is on none. */
  current: number;
  total: number;
  ranges: { from: number; to: number }[];
}

/** Where the highlighted matches are and which one the selection is on. */
export function matchPosition(state: EditorState): MatchPosition {
  const ranges = getMatchHighlights(state)
    .find()
    .map((decoration) => ({ from: decoration.from, to: decoration.to }));
  const { from, to } = state.selection;
  return { current: ranges.findIndex((range) => range.from === from && range.to === to), total: ranges.length, ranges };
}

/** Selects a match and scrolls it into view, without taking focus from the Find field. */
export function selectRange(view: EditorView, range: { from: number; to: number }): void {
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView());
}

/** Selects the first match at or after the caret (wrapping), as the writer types the query. */
export function selectNearest(view: EditorView): void {
  const { ranges } = matchPosition(view.state);
  const at = view.state.selection.from;
  const next = ranges.find((range) => range.from >= at) ?? ranges[0];
  if (next) selectRange(view, next);
}

/** Moves the selection to the next (1) or previous (-1) match, wrapping around the scene. */
export function stepMatch(view: EditorView, direction: 1 | -1): void {
  const { ranges, current } = matchPosition(view.state);
  if (ranges.length === 0) return;
  const { from, to } = view.state.selection;
  let index: number;
  if (current >= 0) index = (current + direction + ranges.length) % ranges.length;
  else if (direction === 1) index = Math.max(0, ranges.findIndex((range) => range.from >= to));
  else {
    const before = ranges.filter((range) => range.to <= from).length - 1;
    index = before >= 0 ? before : ranges.length - 1;
  }
  selectRange(view, ranges[index]!);
}

/**
 * Replace: the selected match is replaced (one undo step) and the next one selected; when the
 * selection is on no match, the next match is selected first, so the writer sees what goes.
 */
export function replaceSelected(view: EditorView, query: SearchQuery): void {
  const { ranges, current } = matchPosition(view.state);
  if (current < 0) return stepMatch(view, 1);
  const result = query.findNext(view.state, ranges[current]!.from, ranges[current]!.to);
  if (!result || result.from !== ranges[current]!.from) return stepMatch(view, 1);
  // Inside a co-author's pending suggestion: theirs to settle, so move on without replacing.
  if (insideSuggestion(view.state.doc, result.from, result.to)) return stepMatch(view, 1);
  const tr = view.state.tr;
  for (const range of [...replacementsFor(query, view.state, result)].reverse()) tr.replace(range.from, range.to, range.insert);
  // Each Replace is its own Undo, however quickly the writer clicks.
  const undoManager = yUndoPluginKey.getState(view.state)?.undoManager as { stopCapturing(): void } | undefined;
  undoManager?.stopCapturing();
  view.dispatch(tr);
  undoManager?.stopCapturing();
  // The plugin rebuilt the highlights for the new text; move on to the next match after this one.
  const next = matchPosition(view.state).ranges.find((range) => range.from >= tr.mapping.map(result.to));
  const first = matchPosition(view.state).ranges[0];
  if (next ?? first) selectRange(view, (next ?? first)!);
}
