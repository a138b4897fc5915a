import * as Y from 'yjs';
import { encodeStored } from '../../lib/collab/protocol';

/**
 * What one connection's updates since its last acknowledgement cover, per client: told to it as
 * `stored` once the append of its newest update commits, so a batch gets one acknowledgement.
 */
export class Acknowledgements {
  private appendsMade = 0;
  private readonly unacknowledged = new Map<number, number>();

  /** Notes the part of the document's state `update` speaks for; returns the ticket that acknowledges it. */
  note(doc: Y.Doc, update: Uint8Array): number {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      const covered = Math.min(clock, Y.getState(doc.store, client));
      if (covered > (this.unacknowledged.get(client) ?? 0)) this.unacknowledged.set(client, covered);
    }
    return ++this.appendsMade;
  }

  /** Once ticket's append is stored: the `stored` frame to send, or null when a later append will send it (or nothing is owed). */
  take(ticket: number): Uint8Array | null {
    if (ticket !== this.appendsMade || this.unacknowledged.size === 0) return null;
    const frame = encodeStored(this.unacknowledged);
    this.unacknowledged.clear();
    return frame;
  }
}
