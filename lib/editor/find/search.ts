import type { Node as PMNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import type { SearchQuery, SearchResult } from 'prosemirror-search';

/** One place the query matched, with a little of the sentence around it for the results list. */
export interface Match {
  from: number;
  to: number;
  /** Which match of its scene this is (0-based), so the scene can be opened at the same one. */
  ordinal: number;
  before: string;
  text: string;
  after: string;
}

const CONTEXT_CHARS = 40;

/** The query's SearchQuery API takes a state; only its doc (and schema) are read. */
export function stateFor(node: PMNode): EditorState {
  return EditorState.create({ doc: node });
}

/** Every non-empty match in document order (stopping after `countLimit`). */
export function findResults(state: EditorState, query: SearchQuery, countLimit = Infinity): SearchResult[] {
  const results: SearchResult[] = [];
  const end = state.doc.content.size;
  for (let pos = 0; results.length < countLimit; ) {
    const next = query.findNext(state, pos, end);
    if (!next) break;
    if (next.to > next.from) results.push(next);
    // An empty match (a pattern like /x*/) must not hold the search in place.
    pos = Math.max(next.to, pos + 1);
  }
  return results;
}

/** The matches of one scene's text, with their context. */
export function findMatches(node: PMNode, query: SearchQuery, withContextUpTo = Infinity): { total: number; matches: Match[] } {
  const state = stateFor(node);
  const results = findResults(state, query);
  const matches = results.slice(0, withContextUpTo).map((result, ordinal) => ({ ordinal, ...contextOf(node, result.from, result.to) }));
  return { total: results.length, matches };
}

function contextOf(node: PMNode, from: number, to: number): Omit<Match, 'ordinal'> {
  const $from = node.resolve(from);
  const block = $from.parent;
  const start = $from.start();
  const blockText = block.textBetween(0, block.content.size, undefined, '\ufffc');
  const offset = from - start;
  const length = to - from;
  let before = blockText.slice(Math.max(0, offset - CONTEXT_CHARS), offset);
  let after = blockText.slice(offset + length, offset + length + CONTEXT_CHARS);
  // Cut at a word so the context reads as words, and say when it was cut.
  if (offset > CONTEXT_CHARS) before = `…${before.replace(/^\S*\s/, '')}`;
  if (offset + length + CONTEXT_CHARS < blockText.length) after = `${after.replace(/\s\S*$/, '')}…`;
  return { from, to, before, text: blockText.slice(offset, offset + length), after };
}

export interface SceneToSearch {
  id: string;
  title: string;
  chapterTitle: string | null;
}

export interface SceneResults {
  scene: SceneToSearch;
  total: number;
  matches: Match[];
}

export interface ManuscriptResults {
  scenes: SceneResults[];
  total: number;
  /** True when some matches are counted but not listed. */
  truncated: boolean;
}

/**
 * Searches every scene's text (never an editor) in binder order. Lists at most `listLimit` matches
 * with context, but counts them all.
 */
export function searchManuscript(scenes: SceneToSearch[], nodeOf: (sceneId: string) => PMNode, query: SearchQuery, listLimit = 500): ManuscriptResults {
  const found: SceneResults[] = [];
  let total = 0;
  let listed = 0;
  for (const scene of scenes) {
    const { total: count, matches } = findMatches(nodeOf(scene.id), query, Math.max(0, listLimit - listed));
    if (count === 0) continue;
    found.push({ scene, total: count, matches });
    total += count;
    listed += matches.length;
  }
  return { scenes: found, total, truncated: listed < total };
}
