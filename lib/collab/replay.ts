import * as Y from 'yjs';

export class CorruptUpdateError extends Error {
  override name = 'CorruptUpdateError';
  constructor(
    readonly seq: number,
    cause: unknown,
  ) {
    super(`stored update seq ${seq} failed to decode: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Applies stored rows in order; the first row that fails to decode stops replay with its seq. */
export function replayUpdates(doc: Y.Doc, rows: readonly { seq: number; bytes: Uint8Array }[]): void {
  for (const row of rows) {
    try {
      // Decoding first catches truncated or foreign bytes that applyUpdate could half-apply.
      Y.decodeUpdate(row.bytes);
      Y.applyUpdate(doc, row.bytes);
    } catch (error) {
      throw new CorruptUpdateError(row.seq, error);
    }
  }
}
