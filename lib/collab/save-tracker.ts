import type * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from './message-types';
import { readStoredPayload } from './protocol';

export type SaveStatus = 'connecting' | 'saving' | 'saved' | 'offline';

/** True when every change in `local` is included in `stored` (per-client clocks). */
export function isCoveredBy(local: Map<number, number>, stored: Map<number, number>): boolean {
  for (const [client, clock] of local) {
    if ((stored.get(client) ?? 0) < clock) return false;
  }
  return true;
}

export interface SaveTracker {
  readonly status: SaveStatus;
  /** The state vector the server last confirmed as durably stored. */
  readonly storedStateVector: Map<number, number>;
  /** True while some local change is not yet confirmed stored on the server. */
  hasUnstoredChanges(): boolean;
  destroy(): void;
}

/**
 * Derives the writer's save status from the server's Stored acknowledgements: "saved" means the
 * server confirmed a state vector that covers everything this document holds.
 */
export function trackSaves(
  provider: WebsocketProvider,
  doc: Y.Doc,
  onChange: (status: SaveStatus) => void = () => {},
): SaveTracker {
  let stored = new Map<number, number>();
  let everSynced = false;
  let status: SaveStatus = 'connecting';

  const compute = (): SaveStatus => {
    if (!provider.wsconnected || !provider.synced) return everSynced ? 'offline' : 'connecting';
    return isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), stored) ? 'saved' : 'saving';
  };
  const refresh = () => {
    const next = compute();
    if (next !== status) {
      status = next;
      onChange(status);
    }
  };

  // Acks only grow; merging guards against an older one arriving after a newer one.
  const markStored = (vector: Map<number, number>) => {
    for (const [client, clock] of vector) {
      if (clock > (stored.get(client) ?? 0)) stored.set(client, clock);
    }
  };
  provider.messageHandlers[MessageType.Stored] = (_encoder: unknown, decoder: decoding.Decoder) => {
    markStored(Y.decodeStateVector(readStoredPayload(decoder)));
    refresh();
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    // The server stores every update before it sends it, so what arrives from it is stored already.
    if (origin === provider) markStored(Y.parseUpdateMeta(update).to);
    refresh();
  };
  const onSync = (synced: boolean) => {
    if (synced) everSynced = true;
    refresh();
  };
  provider.on('sync', onSync);
  provider.on('status', refresh);
  doc.on('update', onUpdate);

  return {
    get status() {
      return status;
    },
    get storedStateVector() {
      return stored;
    },
    hasUnstoredChanges: () => !isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), stored),
    destroy() {
      provider.off('sync', onSync);
      provider.off('status', refresh);
      doc.off('update', onUpdate);
    },
  };
}
