import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { compact, CONTEXT_CHARS, locateQuote, normalise, withinEdits, type QuoteContext } from './locate';

/**
 * A comment's place in a scene: two Yjs relative positions (base64), which follow the text through
 * every concurrent edit, so commenting never changes the text itself.
 */
export interface Anchor {
  start: string;
  end: string;
}

/** What a thread remembers of its passage: where it was, its words, and the words around them. */
export interface AnchoredPassage {
  anchor: Anchor;
  quote: string;
  context?: QuoteContext;
}

/** The y-prosemirror mapping between Yjs types and ProseMirror nodes (the editor's binding has one). */
export type ProsemirrorMapping = Map<Y.AbstractType<unknown>, PMNode>;

export type Range = { from: number; to: number };

export const sameAnchor = (a: Anchor, b: Anchor) => a.start === b.start && a.end === b.end;

export function encodeAnchor(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, from: number, to: number): Anchor {
  // y-prosemirror's positions stick to the character before them. The start should stick to the
  // passage's first character instead, so words typed just before the passage stay outside it:
  // take the position after that character and turn it to stand before it.
  const atFrom = absolutePositionToRelativePosition(from, fragment, mapping as never);
  const afterFirst = to > from ? absolutePositionToRelativePosition(from + 1, fragment, mapping as never) : null;
  const sameText = afterFirst?.item && afterFirst.type && atFrom.type && Y.compareIDs(afterFirst.type, atFrom.type);
  const start = sameText ? new Y.RelativePosition(afterFirst.type, afterFirst.tname, afterFirst.item, 0) : atFrom;
  // The end sticks to the character before it, so typing right after the passage stays outside.
  const end = absolutePositionToRelativePosition(to, fragment, mapping as never);
  end.assoc = -1;
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** Where the anchor's relative positions lead now: a range, possibly empty, or null when its paragraph is gone. */
export function resolveAnchorPositions(doc: Y.Doc, fragment: Y.XmlFragment, mapping: ProsemirrorMapping, anchor: Anchor): Range | null {
  try {
    const toAbsolute = (part: string) => {
      const relative = Y.decodeRelativePosition(fromBase64(part));
      return relativePositionToAbsolutePosition(doc, fragment, relative, mapping as never) ?? firstCharacterOf(doc, fragment, relative);
    };
    const from = toAbsolute(anchor.start);
    const to = toAbsolute(anchor.end);
    if (from === null || to === null) return null;
    return { from, to };
  } catch {
    return null;
  }
}

/**
 * y-tiptap (3.0.9) refuses any text position that comes out at the document's first character (its
 * guard against positions left in deleted paragraphs), so a passage that opens a scene lost its
 * place. When the position is the first character of the scene's first block and both still exist,
 * it is exactly position 1.
 */
function firstCharacterOf(doc: Y.Doc, fragment: Y.XmlFragment, relative: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText) || absolute.index !== 0) return null;
  const block = absolute.type.parent;
  const firstLive = (parent: { _start: Y.Item | null }) => {
    for (let item = parent._start; item; item = item.right) if (!item.deleted) return (item.content as Y.ContentType).type;
    return null;
  };
  if (!(block instanceof Y.XmlElement) || block.parent !== fragment) return null;
  return firstLive(fragment) === block && firstLive(block) === absolute.type && !block._item?.deleted && !absolute.type._item?.deleted ? 1 : null;
}

/**
 * True while both ends of the anchor point at characters that still exist, in paragraphs that still
 * exist: then its positions are exact. A rewrite of the paragraph (Enter at its start, a paste, an
 * undo) leaves them pointing at deleted characters.
 */
export function anchorIntact(doc: Y.Doc, anchor: Anchor): boolean {
  try {
    return [anchor.start, anchor.end].every((part) => {
      const position = Y.decodeRelativePosition(fromBase64(part));
      const id = position.item ?? position.type;
      if (!id) return true;
      let item: Y.Item | null = Y.getItem(doc.store, id) as Y.Item;
      while (item) {
        if (item.deleted) return false;
        item = (item.parent as Y.AbstractType<unknown>)._item;
      }
      return true;
    });
  } catch {
    return false;
  }
}

/** Where the passage is by its relative positions alone, or null when they lead nowhere. */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, mapping: ProsemirrorMapping, anchor: Anchor): Range | null {
  const range = resolveAnchorPositions(doc, fragment, mapping, anchor);
  return range && range.to > range.from ? range : null;
}

/**
 * A scene's letters without any whitespace, and the document position of each: matching on these,
 * a passage is the same words however paragraph breaks and spaces now cut them.
 */
export interface FlatText {
  text: string;
  /** positions[i] is where character i starts in the ProseMirror document. */
  positions: number[];
}

export function flatten(doc: PMNode): FlatText {
  let text = '';
  const positions: number[] = [];
  doc.descendants((node, position) => {
    if (!node.isText) return true;
    for (let i = 0; i < node.text!.length; i++) {
      const char = node.text![i]!;
      if (/\s/.test(char)) continue;
      text += char;
      positions.push(position + i);
    }
    return false;
  });
  return { text, positions };
}

/** The words around a passage, for telling its occurrences apart later. */
export function contextAround(doc: PMNode, from: number, to: number): QuoteContext {
  const before = normalise(doc.textBetween(Math.max(0, from - CONTEXT_CHARS * 4), from, ' ', ' ') + '.').slice(0, -1);
  const after = normalise('.' + doc.textBetween(to, Math.min(doc.content.size, to + CONTEXT_CHARS * 4), ' ', ' ')).slice(1);
  return { prefix: before.slice(-CONTEXT_CHARS), suffix: after.slice(0, CONTEXT_CHARS) };
}

export interface Resolved extends Range {
  /** True when the relative positions had lost the passage and it was found again by its words. */
  moved: boolean;
}

/** How far the text under the relative positions may drift from the quote before we look for it elsewhere. */
const driftAllowed = (quote: string) => Math.min(64, Math.floor(quote.length / 2));

/**
 * Where a thread's passage is now: its relative positions while they still lead to its words (edited
 * in place is fine); otherwise its quote with the surrounding words, nearest the old place; null
 * only when the words are gone.
 */
export function locatePassage(pmDoc: PMNode, byPositions: Range | null, passage: Pick<AnchoredPassage, 'quote' | 'context'>): Resolved | null {
  const quote = compact(passage.quote);
  const kept = byPositions && byPositions.to > byPositions.from ? byPositions : null;
  const current = kept ? compact(pmDoc.textBetween(kept.from, kept.to, ' ', ' ')) : '';
  if (kept && current && (quote === '' || current === quote)) return { ...kept, moved: false };
  if (!quote) return kept && current ? { ...kept, moved: false } : null;
  const flat = flatten(pmDoc);
  const near = byPositions ? nearestIndex(flat.positions, byPositions.from) : null;
  const context = passage.context ? { prefix: compact(passage.context.prefix), suffix: compact(passage.context.suffix) } : undefined;
  const toRange = (found: { start: number; end: number }): Resolved => ({ from: flat.positions[found.start]!, to: flat.positions[found.end - 1]! + 1, moved: true });
  // The exact words at or beside where the positions lead (they were cut short or overrun), or anywhere once the positions are lost.
  const exact = locateQuote(flat.text, quote, { near, context, exactOnly: true });
  const besideKept = exact && near !== null && Math.abs(exact.start - near) <= Math.max(quote.length, NEARBY_CHARS);
  if (exact && (!kept || besideKept)) return toRange(exact);
  // Edited in place: the positions still hold the passage.
  if (kept && current && withinEdits(current, quote, driftAllowed(quote))) return { ...kept, moved: false };
  if (exact) return toRange(exact);
  const fuzzy = locateQuote(flat.text, quote, { near, context });
  if (fuzzy) return toRange(fuzzy);
  return kept && current ? { ...kept, moved: false } : null;
}

/** How far (in letters) an exact copy of the quote may sit from where the positions lead and still be preferred to an edited passage. */
const NEARBY_CHARS = 200;

function nearestIndex(positions: number[], position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The same operations without an editor: for the server, tests and exports. */
export function anchorFromPositions(fragment: Y.XmlFragment, schema: Schema, from: number, to: number): { anchor: Anchor; quote: string; context: QuoteContext } {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  return { anchor: encodeAnchor(fragment, mapping as ProsemirrorMapping, from, to), quote: doc.textBetween(from, to, ' '), context: contextAround(doc, from, to) };
}

export function resolvePassageIn(fragment: Y.XmlFragment, schema: Schema, passage: AnchoredPassage): (Resolved & { text: string }) | null {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const range = locatePassage(doc, resolveAnchorPositions(fragment.doc!, fragment, mapping as ProsemirrorMapping, passage.anchor), passage);
  if (!range) return null;
  const text = doc.textBetween(range.from, range.to, ' ');
  return text.trim() === '' ? null : { ...range, text };
}

/** The passage's text now, or null when it is gone. */
export function resolveAnchorText(fragment: Y.XmlFragment, schema: Schema, anchor: Anchor, quote = '', context?: QuoteContext): string | null {
  return resolvePassageIn(fragment, schema, { anchor, quote, context })?.text ?? null;
}
