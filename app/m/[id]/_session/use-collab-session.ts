'use client';

import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@/lib/domain/roles';
import { CloseCode } from '@/lib/collab/close-codes';
import { MessageType } from '@/lib/collab/message-types';
import { encodeRestoreDraft, onServerMessage, type RestoreResult } from '@/lib/collab/protocol';
import { shouldReconnectAfter } from '@/lib/collab/reconnect';
import { formatRoomName } from '@/lib/collab/room-name';
import { trackSaves, type SaveStatus, type SaveTracker } from '@/lib/collab/save-tracker';
import type { CollabEndpoint } from '../../../_server/collab-url';
import { outcomeOfClose } from './close-outcome';
import { collabUrl, connectionParams, fetchGrant, MAX_BACKOFF_MS, stepAfterGrant, TOKEN_REFRESH_MS } from './collab-grant';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
  /** Asks collab to restore a saved draft into the live manuscript; false when not connected. */
  restoreDraft: (draftId: string) => boolean;
}

export interface CollabState {
  session: CollabSession | null;
  status: SaveStatus;
  /** The role the collab server last told us; it changes live when the owner changes it. */
  role: Role;
  /** Set when access ended or the server refused the manuscript for good. */
  fatal: string | null;
  /** Set when the server refused a change as too large: writing goes on locally, saving waits for the writer. */
  stalled: string | null;
  /** The last restore's outcome, for the writer to read. */
  restoreResult: RestoreResult | null;
}

/**
 * One manuscript's Y.Doc, kept in IndexedDB for offline writing and synced over the collab socket
 * with a short-lived token from web. Created in an effect and destroyed in its cleanup.
 */
export function useCollabSession(manuscriptId: string, initialRole: Role, endpoint: CollabEndpoint): CollabState {
  const [state, setState] = useState<CollabState>({ session: null, status: 'connecting', role: initialRole, fatal: null, stalled: null, restoreResult: null });
  const endpointKey = 'url' in endpoint ? endpoint.url : String(endpoint.port);

  useEffect(() => {
    let active = true;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`scriptorium.${formatRoomName(manuscriptId)}`, doc);
    const provider = new WebsocketProvider(collabUrl(endpoint, window.location), formatRoomName(manuscriptId), doc, {
      connect: false,
      maxBackoffTime: MAX_BACKOFF_MS,
      shouldReconnect: shouldReconnectAfter,
    });
    const handlers = provider as unknown as Parameters<typeof onServerMessage>[0];
    const saves = trackSaves(provider, doc, (status) => setState((s) => ({ ...s, status })));
    const restoreDraft = (draftId: string) => {
      const socket = provider.ws;
      if (!provider.wsconnected || !socket || socket.readyState !== socket.OPEN) return false;
      socket.send(encodeRestoreDraft(draftId));
      return true;
    };
    onServerMessage(handlers, MessageType.RestoreResult, 'restore-result', ({ result }) => setState((s) => ({ ...s, restoreResult: result })));
    setState((s) => ({ ...s, session: { doc, provider, saves, restoreDraft }, status: saves.status, fatal: null }));

    onServerMessage(handlers, MessageType.Role, 'role', ({ role }) => setState((s) => ({ ...s, role })));

    // Access ended: stop, forget the local copy, and say so.
    const loseAccess = (message: string) => {
      provider.disconnect();
      void local.clearData();
      setState((s) => ({ ...s, session: null, fatal: message }));
    };

    let retry: ReturnType<typeof setTimeout> | undefined;
    const connectWithFreshToken = async () => {
      clearTimeout(retry);
      const grant = await fetchGrant(manuscriptId);
      if (!active) return;
      const step = stepAfterGrant(grant, navigator.onLine);
      if (step.kind === 'lose-access') return loseAccess(step.message);
      if (step.kind === 'retry') {
        retry = setTimeout(() => void connectWithFreshToken(), step.afterMs);
        return;
      }
      provider.params = step.params;
      if (step.now) provider.connect();
    };
    const refreshToken = setInterval(async () => {
      const grant = await fetchGrant(manuscriptId);
      if (active && grant.kind === 'ok') provider.params = connectionParams(grant.token);
    }, TOKEN_REFRESH_MS);

    let refusedInARow = 0;
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        refusedInARow = 0;
        setState((s) => (s.stalled ? { ...s, stalled: null } : s));
      }
    });
    provider.on('closed', ({ code }: { code: number }) => {
      if (code === CloseCode.Forbidden) refusedInARow += 1;
      const outcome = outcomeOfClose(code, refusedInARow);
      if (outcome.kind === 'fresh-token') return void connectWithFreshToken();
      if (outcome.kind === 'lose-access') return loseAccess(outcome.message);
      if (outcome.kind === 'stall') return setState((s) => ({ ...s, stalled: outcome.message }));
      if (outcome.kind === 'fatal') setState((s) => ({ ...s, fatal: outcome.message }));
    });

    // A browser that knows it is offline stops trying, and resumes the moment it is back.
    const goOffline = () => provider.disconnect();
    const goOnline = () => void connectWithFreshToken();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    void connectWithFreshToken();

    const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
      if (saves.hasUnstoredChanges()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnBeforeLeaving);

    return () => {
      active = false;
      clearTimeout(retry);
      clearInterval(refreshToken);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      saves.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
    // endpointKey stands for endpoint, whose object identity changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [manuscriptId, endpointKey]);

  return state;
}
