import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { AddMarkStep, RemoveMarkStep, ReplaceStep, type Step } from '@tiptap/pm/transform';
import type { SuggestionAttrs } from './marks';

// Kept in their own module so server-side code (the DOCX importer, the CLI) can make ids without the
// suggestion library, which ships only as an ES module.
export { suggestionIds } from './ids';

/** Who is suggesting, and what they may propose. */
export interface Suggester {
  userId: string;
  /** Editors may propose new paragraphs (splits); commenters only text within a paragraph. */
  mayRestructure: boolean;
  /** A commenter may only suggest: with Suggesting off, their changes are refused, never sent. */
  mustSuggest?: boolean;
  /** A fresh suggestion id, unique across concurrent writers (see `suggestionIds`). */
  nextId: () => string;
  now?: () => number;
}

export type Tracked = { tr: Transaction } | { refused: string };

const isSuggestionMark = (mark: Mark) => mark.type.name === 'insertion' || mark.type.name === 'deletion';

/** True when a step changes paragraph structure: it opens or closes a block, or spans two. */
function isStructural(step: ReplaceStep, doc: PMNode): boolean {
  const { slice } = step;
  if (slice.openStart > 0 || slice.openEnd > 0) return true;
  let blocks = false;
  slice.content.forEach((node) => {
    if (!node.isInline) blocks = true;
  });
  if (blocks) return true;
  return doc.resolve(step.from).parent !== doc.resolve(step.to).parent;
}

/** Enter inside a paragraph: the one structural change a commenter may suggest. */
function isParagraphBreak(step: ReplaceStep, doc: PMNode): boolean {
  const { slice } = step;
  if (step.from !== step.to || slice.openStart !== 1 || slice.openEnd !== 1 || slice.content.childCount !== 2) return false;
  const parts = [slice.content.child(0), slice.content.child(1)];
  return doc.resolve(step.from).parent.type.name === 'paragraph' && parts.every((node) => node.type.name === 'paragraph' && node.content.size === 0);
}

/** What a writer tried that cannot be a suggestion here, in their words; null if it can. */
function refusalOf(steps: readonly Step[]): string | null {
  for (const step of steps) {
    if (!(step instanceof ReplaceStep)) return 'Formatting and paragraph styles can’t be suggested yet: leave a comment, or switch to Editing.';
  }
  return null;
}

/**
 * Turns a writer's transaction into a suggestion of the same change (the library marks deletions
 * instead of deleting and marks what is typed as inserted), then makes every mark it created this
 * writer's: their user id, a time, and an id of their own. The library joins a new mark to an
 * adjacent one by reusing its id, even another writer's; those are given a fresh id here, and
 * another writer's marks it re-marked in passing are put back as they were.
 */
export function trackAsSuggestion(original: Transaction, state: EditorState, suggester: Suggester): Tracked {
  const refused = refusalOf(original.steps);
  if (refused) return { refused };
  const tr = transformToSuggestionTransaction(original, state, () => suggester.nextId());
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]!;
    const before = tr.docs[i]!;
    if (!(step instanceof ReplaceStep || step instanceof AddMarkStep || step instanceof RemoveMarkStep)) {
      return { refused: 'Whole paragraphs can’t be suggested yet: suggest within a paragraph, or leave a comment.' };
    }
    if (!(step instanceof ReplaceStep)) continue;
    if (!suggester.mayRestructure && isStructural(step, before) && !isParagraphBreak(step, before)) {
      return { refused: 'A commenter can suggest words and paragraph breaks, not whole paragraphs: leave a comment instead.' };
    }
    let others: string | null = null;
    // Really removing another writer's suggested words (or the marker of their suggested join) is theirs to withdraw.
    before.nodesBetween(step.from, step.to, (node) => {
      const author = node.marks.find(isSuggestionMark)?.attrs.author as string | null | undefined;
      if (node.isText && author && author !== suggester.userId) others = author;
      return others === null;
    });
    if (others) return { refused: 'That text is another writer’s suggestion: accept or reject it, or reply on its card.' };
  }
  const breaks = tr.steps.flatMap((step, i) => (step instanceof ReplaceStep && isParagraphBreak(step, tr.docs[i]!) ? [tr.mapping.slice(i + 1).map(step.from + 1, 1)] : []));
  claimSuggestions(tr, suggester);
  markBreaks(tr, breaks);
  return { tr };
}

/** Gives every author-less suggestion mark in `tr.doc` its writer's attributes (see `trackAsSuggestion`). */
function claimSuggestions(tr: Transaction, suggester: Suggester): void {
  const now = suggester.now?.() ?? Date.now();
  // This writer's existing suggestions, so typing on continues the same one (same id and time).
  const mine = new Map<string, SuggestionAttrs>();
  tr.before.descendants((node) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (isSuggestionMark(mark) && mark.attrs.author === suggester.userId) mine.set(String(mark.attrs.id), mark.attrs as SuggestionAttrs);
    }
    return false;
  });
  const fresh = new Map<string, SuggestionAttrs>();
  const claim = (id: unknown): SuggestionAttrs => {
    const key = String(id);
    const existing = mine.get(key);
    if (existing) return existing;
    let attrs = fresh.get(key);
    if (!attrs) {
      // An id the library made for this writer is theirs already; one borrowed from a neighbour is not.
      const ownNew = !borrowed(tr.before, key);
      attrs = { id: ownNew ? key : suggester.nextId(), author: suggester.userId, time: now };
      fresh.set(key, attrs);
    }
    return attrs;
  };

  const inverse = tr.mapping.invert();
  const edits: Array<{ from: number; to: number; mark: Mark; attrs: SuggestionAttrs }> = [];
  tr.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (!isSuggestionMark(mark) || mark.attrs.author) continue;
      for (let p = pos; p < pos + node.nodeSize; p++) {
        const start = inverse.map(p, 1);
        const existed = inverse.map(p + 1, -1) - start === 1;
        const previous = existed ? tr.before.nodeAt(start)?.marks.find((m) => m.type === mark.type && m.attrs.author) : undefined;
        const attrs = previous ? (previous.attrs as SuggestionAttrs) : claim(mark.attrs.id);
        const last = edits[edits.length - 1];
        if (last && last.to === p && last.mark === mark && last.attrs === attrs) last.to = p + 1;
        else edits.push({ from: p, to: p + 1, mark, attrs });
      }
    }
    return false;
  });
  for (const { from, to, mark, attrs } of edits) {
    tr.removeMark(from, to, mark.type);
    tr.addMark(from, to, mark.type.create(attrs));
  }
}

/**
 * Gives each paragraph a suggested break created with the attributes of the zero-width insertion
 * the library put at its start, so the break is the writer's suggestion in the shared document too.
 */
function markBreaks(tr: Transaction, starts: number[]): void {
  for (const start of starts) {
    const paragraph = tr.doc.nodeAt(start);
    const marker = tr.doc.nodeAt(start + 1)?.marks.find((mark) => mark.type.name === 'insertion');
    // A plain object: Yjs stores only plain values, and ProseMirror's attrs have no prototype.
    if (paragraph?.type.name === 'paragraph' && marker?.attrs.author) tr.setNodeAttribute(start, 'suggestion', { id: marker.attrs.id, author: marker.attrs.author, time: marker.attrs.time });
  }
}

/** True when some existing mark already carries this id (so the library borrowed it from a neighbour). */
function borrowed(doc: PMNode, id: string): boolean {
  let found = false;
  doc.descendants((node) => {
    if (found) return false;
    if (node.isText && node.marks.some((mark) => isSuggestionMark(mark) && String(mark.attrs.id) === id)) found = true;
    return !node.isText;
  });
  return found;
}
