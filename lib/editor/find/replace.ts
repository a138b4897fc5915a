import type { Mark, Node as PMNode, Schema } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { SearchQuery } from 'prosemirror-search';
import * as Y from 'yjs';
import { insideSuggestion, replacementsFor } from './query';
import { findResults, stateFor } from './search';

/** One replacement in Yjs terms: where in which text, how much goes, and what comes in its place. */
interface TextEdit {
  text: Y.XmlText;
  index: number;
  length: number;
  /** PM position of the edit, to apply edits back to front. */
  at: number;
  pieces: { text: string; attributes: Record<string, unknown> }[];
}

export interface SceneReplaceOutcome {
  replaced: number;
  /** Matches left alone because they cross a line break (or the text moved under us). */
  skipped: number;
}

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[];

/** Walks from the fragment to the Y element of the textblock holding `pos`, checking each step's node name. */
function textblockElement(fragment: Y.XmlFragment, doc: PMNode, pos: number): { element: Y.XmlElement; offset: number } | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.inlineContent || $pos.depth === 0) return null;
  let current: Y.XmlFragment | Y.XmlElement = fragment;
  for (let depth = 0; depth < $pos.depth; depth++) {
    const child: unknown = current.get($pos.index(depth));
    if (!(child instanceof Y.XmlElement) || child.nodeName !== $pos.node(depth + 1).type.name) return null;
    current = child;
  }
  return { element: current as Y.XmlElement, offset: $pos.parentOffset };
}

/** The Y.XmlText and index holding [offset, offset + length) of a textblock, if it lies in one text run. */
function textRun(element: Y.XmlElement, offset: number, length: number): { text: Y.XmlText; index: number } | null {
  let seen = 0;
  for (const child of element.toArray()) {
    const size = child instanceof Y.XmlText ? child.length : 1;
    if (child instanceof Y.XmlText && offset >= seen && offset + length <= seen + size) return { text: child, index: offset - seen };
    seen += size;
    if (seen > offset) return null;
  }
  return null;
}

/** The Y attribute key a mark is stored under: its name, or for marks that may overlap, the hashed key already in this text. */
function attributesFor(marks: readonly Mark[], delta: Delta): Record<string, unknown> | null {
  const attributes: Record<string, unknown> = {};
  for (const mark of marks) {
    if (mark.type.excludes(mark.type)) {
      attributes[mark.type.name] = mark.attrs;
      continue;
    }
    const wanted = JSON.stringify(mark.attrs);
    const key = delta
      .flatMap((op) => Object.entries(op.attributes ?? {}))
      .find(([name, value]) => name.startsWith(`${mark.type.name}--`) && JSON.stringify(value) === wanted)?.[0];
    if (!key) return null;
    attributes[key] = mark.attrs;
  }
  return attributes;
}

function textOf(delta: Delta): string {
  return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '\ufffc')).join('');
}

/**
 * Plans every replacement of `query` in one scene: the same SearchQuery the editor uses runs over the
 * fragment as a ProseMirror node, and each match becomes an edit of exactly its characters in the
 * Y.XmlText that holds it, so formatting, comment anchors and co-authors' words around it are kept.
 */
export function planSceneReplacements(fragment: Y.XmlFragment, schema: Schema, query: SearchQuery): SceneReplaceOutcome & { edits: TextEdit[] } {
  const doc = yXmlFragmentToProseMirrorRootNode(fragment, schema);
  const state = stateFor(doc);
  const deltas = new Map<Y.XmlText, Delta>();
  const deltaOf = (text: Y.XmlText) => deltas.get(text) ?? deltas.set(text, text.toDelta() as Delta).get(text)!;
  const edits: TextEdit[] = [];
  let replaced = 0;
  let skipped = 0;
  for (const result of findResults(state, query)) {
    // A pending suggestion is its author's to settle: replacing inside it would rewrite their proposal.
    if (insideSuggestion(doc, result.from, result.to)) {
      skipped += 1;
      continue;
    }
    const planned: TextEdit[] = [];
    const ranges = replacementsFor(query, state, result);
    for (const range of ranges) {
      const block = textblockElement(fragment, doc, range.from);
      const run = block && textRun(block.element, block.offset, range.to - range.from);
      if (!run) break;
      const delta = deltaOf(run.text);
      // The node was built from this very fragment; if the characters differ, trust neither.
      if (textOf(delta).slice(run.index, run.index + range.to - range.from) !== doc.textBetween(range.from, range.to, undefined, '\ufffc')) break;
      const pieces: TextEdit['pieces'] = [];
      let fits = true;
      range.insert.content.forEach((node) => {
        const attributes = node.isText ? attributesFor(node.marks, delta) : null;
        if (!attributes) fits = false;
        else pieces.push({ text: node.text!, attributes });
      });
      if (!fits) break;
      planned.push({ text: run.text, index: run.index, length: range.to - range.from, at: range.from, pieces });
    }
    if (planned.length === ranges.length) {
      edits.push(...planned);
      replaced += 1;
    } else skipped += 1;
  }
  return { edits, replaced, skipped };
}

/** Applies planned edits back to front, so every earlier index stays true. Call inside a transaction. */
export function applyEdits(edits: TextEdit[]): void {
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    if (edit.length > 0) edit.text.delete(edit.index, edit.length);
    let at = edit.index;
    for (const piece of edit.pieces) {
      edit.text.insert(at, piece.text, piece.attributes);
      at += piece.text.length;
    }
  }
}

/** Replaces every match in one scene; the count of matches replaced and left alone. */
export function replaceInFragment(fragment: Y.XmlFragment, schema: Schema, query: SearchQuery): SceneReplaceOutcome {
  const { edits, replaced, skipped } = planSceneReplacements(fragment, schema, query);
  applyEdits(edits);
  return { replaced, skipped };
}
