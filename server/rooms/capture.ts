import * as Y from 'yjs';

/** What a change integrated into the document (merged into one update, or null if nothing), and its error if it threw part-way. */
export interface Captured {
  update: Uint8Array | null;
  error?: unknown;
}

/**
 * Runs a change on a document and collects what integrated: the one capture-and-merge used both
 * for updates the room stores and for those it only relays (another instance's, the store's rows).
 */
export class ChangeCapture {
  private first: Uint8Array | null = null;
  private more: Uint8Array[] | null = null;
  private readonly listener = (update: Uint8Array) => {
    if (this.first === null) this.first = update;
    else (this.more ??= [this.first]).push(update);
  };

  constructor(private readonly doc: Y.Doc) {}

  run(change: () => void): Captured {
    let error: unknown;
    this.doc.on('update', this.listener);
    try {
      change();
    } catch (caught) {
      error = caught;
    } finally {
      this.doc.off('update', this.listener);
    }
    const update = this.more ? Y.mergeUpdates(this.more) : this.first;
    this.first = null;
    this.more = null;
    return error === undefined ? { update } : { update, error };
  }
}
