import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/**
 * A comment's place in a scene: two Yjs relative positions (base64), which follow the text through
 * every concurrent edit, so commenting never changes the text itself.
 */
export interface Anchor {
  start: string;
  end: string;
}

/** The y-prosemirror mapping between Yjs types and ProseMirror nodes (the editor's binding has one). */
export type ProsemirrorMapping = Map<Y.AbstractType<unknown>, PMNode>;

export function encodeAnchor(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, from: number, to: number): Anchor {
  const start = absolutePositionToRelativePosition(from, fragment, mapping as never);
  // The end sticks to the character before it, so typing right after the passage stays outside.
  const end = absolutePositionToRelativePosition(to, fragment, mapping as never);
  end.assoc = -1;
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** Where the passage is now, or null when its text is gone (the thread is then detached). */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, mapping: ProsemirrorMapping, anchor: Anchor): { from: number; to: number } | null {
  try {
    const from = relativePositionToAbsolutePosition(doc, fragment, Y.decodeRelativePosition(fromBase64(anchor.start)), mapping as never);
    const to = relativePositionToAbsolutePosition(doc, fragment, Y.decodeRelativePosition(fromBase64(anchor.end)), mapping as never);
    if (from === null || to === null || to <= from) return null;
    return { from, to };
  } catch {
    return null;
  }
}

/** The same two operations without an editor: for the server, tests and exports. */
export function anchorFromPositions(fragment: Y.XmlFragment, schema: Schema, from: number, to: number): { anchor: Anchor; quote: string } {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  return { anchor: encodeAnchor(fragment, mapping as ProsemirrorMapping, from, to), quote: doc.textBetween(from, to, ' ') };
}

export function resolveAnchorText(fragment: Y.XmlFragment, schema: Schema, anchor: Anchor): string | null {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const range = resolveAnchor(fragment.doc!, fragment, mapping as ProsemirrorMapping, anchor);
  if (!range) return null;
  const text = doc.textBetween(range.from, range.to, ' ');
  return text.trim() === '' ? null : text;
}
