import type { EditorState } from '@tiptap/pm/state';
import { commentRanges } from '@/lib/editor/comment-highlights';

/** The shortcut between a commented passage and its thread in the margin, both ways. */
export const COMMENT_JUMP_KEYS = 'Control+Alt+J';

export const isCommentJump = (event: KeyboardEvent | React.KeyboardEvent) => (event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === 'j';

/** The thread whose passage holds the caret (the narrowest, when passages nest), or null. */
export function threadAtCaret(state: EditorState): string | null {
  const at = state.selection.from;
  let best: { id: string; size: number } | null = null;
  for (const [id, range] of commentRanges(state)) {
    if (range.from <= at && at <= range.to && (!best || range.to - range.from < best.size)) best = { id, size: range.to - range.from };
  }
  return best?.id ?? null;
}
