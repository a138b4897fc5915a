import type * as Y from 'yjs';

/** A connection that may leave dependencies missing: since when it has, or null. */
export interface PendingSender {
  pendingSince: number | null;
}

export interface PendingLimits {
  /** Bytes of not-yet-integrable updates (missing dependencies) a room holds before refusing more. */
  maxPendingBytes: number;
  /**
   * How long a connection's updates may keep dependencies missing before it is closed. A client
   * reconnecting after a crash legitimately sends a few such updates before its sync step 2 fills the gap.
   */
  pendingGraceMs: number;
}

/**
 * An update whose dependencies the room lacks stays pending inside Yjs, neither stored, relayed nor
 * acknowledged. Pending state is charged to the connection whose update added it, bounded in bytes
 * and time; past either bound it is dropped and that connection (only) is closed.
 */
export class PendingUpdates {
  /** The connection whose update last added pending state. */
  private owner: PendingSender | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: PendingLimits,
  ) {}

  /** Bytes of updates Yjs holds back because their dependencies are missing. */
  bytes(): number {
    const store = this.doc.store;
    return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
  }

  /** After `sender`'s update: charges what it added; past a bound, drops it and says why the sender must go (else null). */
  charge(sender: PendingSender, bytesBefore: number): string | null {
    const bytesAfter = this.bytes();
    if (bytesAfter === 0) {
      this.owner = null;
      sender.pendingSince = null;
      return null;
    }
    if (bytesAfter <= bytesBefore) return null;
    this.owner = sender;
    const now = performance.now();
    sender.pendingSince ??= now;
    if (bytesAfter > this.limits.maxPendingBytes || now - sender.pendingSince > this.limits.pendingGraceMs) {
      this.drop();
      return `updates with missing dependencies (${bytesAfter} bytes pending)`;
    }
    return null;
  }

  /** A sender left: what it left pending goes too; a legitimate sender re-sends it through sync when it reconnects. */
  release(sender: PendingSender): void {
    if (this.owner === sender) this.drop();
  }

  private drop(): void {
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.owner = null;
  }
}
