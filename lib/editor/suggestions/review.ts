import { suggestChangesKey } from '@handlewithcare/prosemirror-suggest-changes';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import type { SuggestionAttrs } from './marks';

export type Verdict = 'accept' | 'reject';

/** Which suggestions a review covers: the attributes of each mark decide. */
export type SuggestionFilter = (attrs: SuggestionAttrs) => boolean;

const ZERO_WIDTH_SPACE = '\u200B';

interface Span {
  from: number;
  to: number;
  /** The text goes (a rejected insertion, an accepted deletion); otherwise only its mark does. */
  remove: boolean;
  node: PMNode;
}

/**
 * Accepts or rejects the suggestions the filter picks, as one ordinary edit (so it syncs, stores and
 * undoes like any other): an accepted insertion loses its mark, an accepted deletion its text; a
 * rejection the other way round. The zero-width spaces the suggestion library puts at paragraph
 * boundaries are taken out with their marks, so none is left in the text; two removed runs that meet
 * across a paragraph boundary are deleted as one range, which joins the paragraphs (a suggested
 * split rejected, a suggested join accepted). Null when nothing matched.
 */
export function reviewSuggestions(state: EditorState, verdict: Verdict, filter: SuggestionFilter): Transaction | null {
  const { insertion, deletion } = state.schema.marks;
  if (!insertion || !deletion) return null;
  const goes = verdict === 'accept' ? deletion : insertion;
  const spans: Span[] = [];
  // Paragraphs that begin at a suggested break (see `SuggestedBreak`).
  const breaks: Array<{ pos: number; first: boolean }> = [];
  state.doc.descendants((node, pos, _parent, index) => {
    const suggested = node.attrs.suggestion as SuggestionAttrs | null | undefined;
    if (suggested && filter(suggested)) breaks.push({ pos, first: index === 0 });
    if (!node.isText) return true;
    const mark = node.marks.find((m) => (m.type === insertion || m.type === deletion) && filter(m.attrs as SuggestionAttrs));
    if (mark) spans.push({ from: pos, to: pos + node.nodeSize, remove: mark.type === goes, node });
    return false;
  });
  if (spans.length === 0 && breaks.length === 0) return null;
  const tr = state.tr;
  const cuts: Array<{ from: number; to: number }> = [];
  for (const span of spans) {
    if (span.remove) {
      const last = cuts[cuts.length - 1];
      const acrossBoundary = last && span.from - last.to === 2 && state.doc.resolve(last.to).parentOffset === state.doc.resolve(last.to).parent.content.size && state.doc.resolve(span.from).parentOffset === 0;
      if (last && (last.to === span.from || acrossBoundary)) last.to = span.to;
      else cuts.push({ from: span.from, to: span.to });
      continue;
    }
    tr.removeMark(span.from, span.to, insertion).removeMark(span.from, span.to, deletion);
    const text = span.node.text ?? '';
    for (let i = text.indexOf(ZERO_WIDTH_SPACE); i >= 0; i = text.indexOf(ZERO_WIDTH_SPACE, i + 1)) cuts.push({ from: span.from + i, to: span.from + i + 1 });
  }
  for (const { pos, first } of breaks) {
    // Accepted, the break stays and forgets it was a suggestion; rejected, the paragraphs join (once).
    if (verdict === 'accept' || first) tr.setNodeAttribute(pos, 'suggestion', null);
    else if (!cuts.some((cut) => cut.from < pos && cut.to > pos)) cuts.push({ from: pos - 1, to: pos + 1 });
  }
  cuts.sort((a, b) => b.from - a.from);
  for (const cut of cuts) tr.delete(cut.from, cut.to);
  tr.setMeta(suggestChangesKey, { skip: true });
  return tr;
}

/** One suggestion as its card shows it: what it removes and adds, by whom, where. */
export interface SuggestionSummary {
  id: string;
  author: string;
  time: number;
  deleted: string;
  inserted: string;
  /** It proposes a paragraph break (split) or taking one out (join): the library's zero-width markers. */
  breaks?: 'split' | 'join';
  from: number;
  to: number;
}

/**
 * The suggestions in a document in reading order, one per id: a run of adjacent insertions and
 * deletions by one writer shares an id (the library joins them), so a replacement is one suggestion.
 */
export function listSuggestions(doc: PMNode): SuggestionSummary[] {
  const byId = new Map<string, SuggestionSummary>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      const kind = mark.type.name;
      if (kind !== 'insertion' && kind !== 'deletion') continue;
      const attrs = mark.attrs as SuggestionAttrs;
      const id = String(attrs.id);
      let summary = byId.get(id);
      if (!summary) {
        summary = { id, author: attrs.author ?? '', time: attrs.time ?? 0, deleted: '', inserted: '', from: pos, to: pos + node.nodeSize };
        byId.set(id, summary);
      }
      const raw = node.text ?? '';
      if (raw.includes(ZERO_WIDTH_SPACE)) summary.breaks = kind === 'insertion' ? 'split' : 'join';
      const text = raw.replaceAll(ZERO_WIDTH_SPACE, '');
      if (kind === 'insertion') summary.inserted += text;
      else summary.deleted += text;
      summary.to = pos + node.nodeSize;
    }
    return false;
  });
  return [...byId.values()];
}

/** "Replace ‘weakness’ with ‘a weakness’", "Add ‘very’", "Delete ‘quite’": what a card says. */
export function describeSuggestion(summary: Pick<SuggestionSummary, 'deleted' | 'inserted' | 'breaks'>, maxChars = 60): string {
  const clip = (raw: string) => {
    // Spaces at the edges of a suggestion are real but unreadable inside quotes.
    const text = raw.trim() || raw;
    return `‘${text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text}’`;
  };
  if (summary.deleted && summary.inserted) return `Replace ${clip(summary.deleted)} with ${clip(summary.inserted)}`;
  if (summary.inserted) return `Add ${clip(summary.inserted)}`;
  if (summary.deleted) return `Delete ${clip(summary.deleted)}`;
  return summary.breaks === 'join' ? 'Join two paragraphs' : 'Start a new paragraph';
}
