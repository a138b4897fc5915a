import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from './message-types';
import { onServerMessage } from './protocol';

export type SaveStatus = 'connecting' | 'saving' | 'saved' | 'offline';

/** True when every change in `local` is included in `stored` (per-client clocks). */
export function isCoveredBy(local: Map<number, number>, stored: Map<number, number>): boolean {
  for (const [client, clock] of local) {
    if ((stored.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** Raises each clock in `into` to at least the one in `from`; acks and edits only ever grow. */
function mergeClocks(into: Map<number, number>, from: Map<number, number>): void {
  for (const [client, clock] of from) {
    if (clock > (into.get(client) ?? 0)) into.set(client, clock);
  }
}

export interface SaveTracker {
  readonly status: SaveStatus;
  /** The state vector the server last confirmed as durably stored. */
  readonly storedStateVector: Map<number, number>;
  /** True while some change made on this device is not yet confirmed stored on the server. */
  hasUnstoredChanges(): boolean;
  destroy(): void;
}

/**
 * Derives the writer's save status from the server's Stored acknowledgements: "saved" means the
 * server confirmed a state vector that covers every change this device made (typed here, or kept
 * offline in IndexedDB). Changes relayed from co-authors are theirs to keep until the server stores
 * them, since the server may relay an update before its commit.
 */
export function trackSaves(
  provider: WebsocketProvider,
  doc: Y.Doc,
  onChange: (status: SaveStatus) => void = () => {},
): SaveTracker {
  const stored = new Map<number, number>();
  const local = new Map<number, number>();
  let everSynced = false;
  let status: SaveStatus = 'connecting';

  const compute = (): SaveStatus => {
    if (!provider.wsconnected || !provider.synced) return everSynced ? 'offline' : 'connecting';
    return isCoveredBy(local, stored) ? 'saved' : 'saving';
  };
  const refresh = () => {
    const next = compute();
    if (next !== status) {
      status = next;
      onChange(status);
    }
  };

  onServerMessage(provider as unknown as Parameters<typeof onServerMessage>[0], MessageType.Stored, 'stored', (message) => {
    mergeClocks(stored, message.stateVector);
    refresh();
  });
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== provider) mergeClocks(local, Y.parseUpdateMeta(update).to);
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
    hasUnstoredChanges: () => !isCoveredBy(local, stored),
    destroy() {
      provider.off('sync', onSync);
      provider.off('status', refresh);
      doc.off('update', onUpdate);
    },
  };
}
