import * as Y from 'yjs';
import { replayUpdates } from '../../collab/replay';
import { countManuscriptWords } from '../../manuscript/word-count';
import type { StoredUpdate } from '../records';

export interface Folded {
  /** The whole document as one update. */
  state: Uint8Array;
  wordCount: number;
  /** The highest seq folded in: exactly the rows read. */
  throughSeq: number;
}

/** Builds one snapshot of a manuscript from its stored rows (never from a room's memory, which may hold unstored updates). */
export function foldRows(rows: readonly StoredUpdate[]): Folded {
  const doc = new Y.Doc();
  try {
    replayUpdates(doc, rows);
    return { state: Y.encodeStateAsUpdate(doc), wordCount: countManuscriptWords(doc), throughSeq: rows.at(-1)?.seq ?? 0 };
  } finally {
    doc.destroy();
  }
}
