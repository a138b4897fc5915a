import type { Node as PMNode } from '@tiptap/pm/model';

/**
 * A scene's text as one string (paragraphs apart by '\n', a line break as '\n'), with where each
 * character sits in the ProseMirror document: `before[i]` is the position just before character i,
 * `after[i]` just after it (for the '\n' between paragraphs: the end of one, the start of the next).
 */
export interface LiveText {
  text: string;
  before: number[];
  after: number[];
  /** Insertion or deletion marks already on each character (a co-author's pending suggestion). */
  suggested: Array<'insertion' | 'deletion' | null>;
}

export function liveTextOf(doc: PMNode): LiveText {
  const live: LiveText = { text: '', before: [], after: [], suggested: [] };
  let previousEnd: number | null = null;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const start = pos + 1;
    if (previousEnd !== null) push(live, '\n', previousEnd, start, null);
    node.forEach((child, offset) => {
      const at = start + offset;
      if (child.isText) {
        const mark = child.marks.find((each) => each.type.name === 'insertion' || each.type.name === 'deletion');
        const kind = (mark?.type.name ?? null) as LiveText['suggested'][number];
        for (let i = 0; i < child.text!.length; i++) push(live, child.text![i]!, at + i, at + i + 1, kind);
      } else {
        push(live, '\n', at, at + child.nodeSize, null);
      }
    });
    previousEnd = start + node.content.size;
    return false;
  });
  return live;
}

function push(live: LiveText, char: string, before: number, after: number, suggested: LiveText['suggested'][number]) {
  live.text += char;
  live.before.push(before);
  live.after.push(after);
  live.suggested.push(suggested);
}

/** The document position for a point between characters `index - 1` and `index`: it keeps to the text before it in its paragraph. */
export function positionAt(live: LiveText, index: number, fallback: number): number {
  if (index > 0) return live.after[Math.min(index, live.text.length) - 1]!;
  return live.before[0] ?? fallback;
}
