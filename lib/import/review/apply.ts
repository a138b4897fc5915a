import { getSchema } from '@tiptap/core';
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { contextAround, encodeAnchor, type Anchor, type ProsemirrorMapping } from '../../comments/anchor';
import type { QuoteContext } from '../../comments/locate';
import { manuscriptExtensions } from '../../editor/extensions';
import type { SuggestionAttrs } from '../../editor/suggestions/marks';
import type { Change } from '../docx-review/body';
import { liveTextOf, positionAt, type LiveText } from './live-text';
import type { LivePoint, Placement } from './place';
import type { ReviewThread } from './threads';

const schema = getSchema(manuscriptExtensions());
const ZERO_WIDTH_SPACE = '\u200B';
const MAX_QUOTE = 2000;

/** A thread placed in the text: its scene, its anchor (Yjs relative positions), and its words. */
export interface AnchoredThread {
  thread: ReviewThread;
  sceneId: string;
  anchor: Anchor;
  quote: string;
  context: QuoteContext;
}

export interface ApplyOptions {
  /** The `author` a change's suggestion carries (a member's id, or a guest's key). */
  authorKey: (change: Change) => string;
  /** A fresh suggestion id, unique across concurrent writers. */
  nextId: () => string;
  now?: number;
  origin?: unknown;
}

/** The live text of every scene a placement was made against, read once before placing and applying. */
export function sceneTexts(doc: Y.Doc, sceneIds: string[]): Array<{ id: string; live: LiveText }> {
  return sceneIds.map((id) => ({ id, live: liveTextOf(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(id)), schema)) }));
}

/**
 * Writes a placement into the manuscript as one Yjs transaction: the editor's changes as suggestions
 * (insertion and deletion marks with their author and time; a split or join as the suggestion library
 * marks it), each scene diffed into place so co-authors' concurrent typing survives. Returns where
 * each placed thread now is, anchored as a comment on those words.
 */
export function applyPlacement(doc: Y.Doc, placement: Placement, options: ApplyOptions): AnchoredThread[] {
  const now = options.now ?? Date.now();
  const ids = new Map<number, string>();
  const attrsOf = (key: number, change: Change): SuggestionAttrs => {
    const groupKey = placement.group.get(key) ?? key;
    let id = ids.get(groupKey);
    if (!id) ids.set(groupKey, (id = options.nextId()));
    return { id, author: options.authorKey(change), time: Math.min(change.date ?? now, now) };
  };
  const anchored: AnchoredThread[] = [];
  doc.transact(() => {
    for (const plan of placement.scenes) {
      const fragment = doc.getXmlFragment(sceneField(plan.sceneId));
      const before = yXmlFragmentToProseMirrorRootNode(fragment, schema);
      const live = liveTextOf(before);
      const tr = EditorState.create({ schema, doc: before }).tr;
      const inserted = new Map<number, { step: number; from: number }>();
      const resolve = (point: LivePoint, assoc: 1 | -1): number => {
        if ('index' in point) return tr.mapping.map(positionAt(live, point.index, 1), assoc);
        const at = inserted.get(point.insertion)!;
        return tr.mapping.slice(at.step).map(at.from + point.offset, assoc);
      };

      for (const insertion of [...plan.insertions].sort((a, b) => a.index - b.index || a.key - b.key)) {
        const attrs = attrsOf(insertion.key, insertion.change);
        const nodes = insertion.pieces.filter((piece) => piece.text).map((piece) => schema.text(piece.text, markSet(attrs, 'insertion', piece)));
        if (nodes.length === 0) continue;
        const at = resolve({ index: insertion.index }, 1);
        tr.insert(at, nodes);
        inserted.set(insertion.key, { step: tr.steps.length, from: at });
      }
      for (const paragraphBreak of plan.breaks) {
        const attrs = attrsOf(paragraphBreak.key, paragraphBreak.change);
        if (paragraphBreak.kind === 'split') split(tr, resolve(paragraphBreak.point, 1), attrs);
        else if ('index' in paragraphBreak.point) join(tr, live, paragraphBreak.point.index, attrs);
      }
      for (const deletion of plan.deletions) {
        const from = tr.mapping.map(positionAt(live, deletion.from, 1), 1);
        const to = tr.mapping.map(positionAt(live, deletion.to, 1), -1);
        markDeleted(tr, from, to, attrsOf(deletion.key, deletion.change));
      }
      if (tr.docChanged || tr.steps.length > 0) updateYFragment(doc, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() } as never);

      const { doc: after, mapping } = initProseMirrorDoc(fragment, schema);
      for (const placed of plan.threads) {
        const from = resolve(placed.from, 1);
        const to = Math.max(from, resolve(placed.to, -1));
        if (to <= from) continue;
        anchored.push({
          thread: placed.thread,
          sceneId: plan.sceneId,
          anchor: encodeAnchor(fragment, mapping as ProsemirrorMapping, from, to),
          quote: after.textBetween(from, to, ' ').replaceAll(ZERO_WIDTH_SPACE, '').slice(0, MAX_QUOTE),
          context: contextAround(after, from, to),
        });
      }
    }
  }, options.origin ?? 'import');
  return anchored;
}

function markSet(attrs: SuggestionAttrs, kind: 'insertion' | 'deletion', formatting: { italic?: boolean; bold?: boolean } = {}): Mark[] {
  const marks = [schema.marks[kind]!.create(attrs)];
  if (formatting.italic && schema.marks.italic) marks.push(schema.marks.italic.create());
  if (formatting.bold && schema.marks.bold) marks.push(schema.marks.bold.create());
  return marks;
}

/** Marks text deleted, leaving alone the editor's own insertions inside the range (their mark would be replaced). */
function markDeleted(tr: Transaction, from: number, to: number, attrs: SuggestionAttrs): void {
  if (to <= from) return;
  const ranges: Array<[number, number]> = [];
  tr.doc.nodesBetween(from, to, (node: PMNode, pos: number) => {
    if (!node.isText) return true;
    if (node.marks.some((mark) => mark.type.name === 'insertion')) return false;
    ranges.push([Math.max(pos, from), Math.min(pos + node.nodeSize, to)]);
    return false;
  });
  for (const [start, end] of ranges) tr.addMark(start, end, schema.marks.deletion!.create(attrs));
}

/** A suggested paragraph break as the suggestion library makes one: the new paragraph carries the suggestion and starts with a marked zero-width space. */
function split(tr: Transaction, at: number, attrs: SuggestionAttrs): void {
  const $at = tr.doc.resolve(at);
  if ($at.parent.type.name !== 'paragraph') return;
  tr.split(at);
  tr.setNodeAttribute(at + 1, 'suggestion', { ...attrs });
  tr.insert(at + 2, schema.text(ZERO_WIDTH_SPACE, markSet(attrs, 'insertion')));
}

/** A suggested join: deletion-marked zero-width spaces at the end of one paragraph and the start of the next. */
function join(tr: Transaction, live: LiveText, boundary: number, attrs: SuggestionAttrs): void {
  const end = tr.mapping.map(live.before[boundary]!, -1);
  const start = tr.mapping.map(live.after[boundary]!, 1);
  tr.insert(start, schema.text(ZERO_WIDTH_SPACE, markSet(attrs, 'deletion')));
  tr.insert(end, schema.text(ZERO_WIDTH_SPACE, markSet(attrs, 'deletion')));
}
