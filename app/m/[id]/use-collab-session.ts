'use client';

import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, closeReason } from '@/lib/collab/close-codes';
import { formatRoomName } from '@/lib/collab/room-name';
import { trackSaves, type SaveStatus, type SaveTracker } from '@/lib/collab/save-tracker';
import { BINDER_FIELD, readScenes, type BinderScene } from '@/lib/manuscript/binder';
import type { CollabEndpoint } from '../../_server/collab-url';
import type { VisitorIdentity } from '../../_components/visitor-identity';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
}

export interface CollabState {
  session: CollabSession | null;
  status: SaveStatus;
  scenes: BinderScene[];
  /** Set when the server refused the connection for good (e.g. quarantined manuscript). */
  fatal: string | null;
}

function collabUrl(endpoint: CollabEndpoint): string {
  if ('url' in endpoint) return endpoint.url;
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.hostname}:${endpoint.port}`;
}

/**
 * One manuscript's Y.Doc, kept in IndexedDB for offline writing and synced over the collab socket.
 * Created in an effect and destroyed in its cleanup, so React's double effects never leak a socket.
 */
export function useCollabSession(manuscriptId: string, identity: VisitorIdentity | null, endpoint: CollabEndpoint): CollabState {
  const [state, setState] = useState<CollabState>({ session: null, status: 'connecting', scenes: [], fatal: null });
  const endpointUrl = 'url' in endpoint ? endpoint.url : String(endpoint.port);

  useEffect(() => {
    if (!identity) return;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`scriptorium.${formatRoomName(manuscriptId)}`, doc);
    const provider = new WebsocketProvider(collabUrl(endpoint), formatRoomName(manuscriptId), doc, {
      connect: false,
      params: { name: identity.name, color: identity.color },
      maxBackoffTime: 5000,
    });
    const saves = trackSaves(provider, doc, (status) => setState((s) => ({ ...s, status })));
    const session = { doc, provider, saves };
    const binder = doc.getArray(BINDER_FIELD);
    const refreshScenes = () => setState((s) => ({ ...s, scenes: readScenes(doc) }));
    binder.observeDeep(refreshScenes);
    setState({ session, status: saves.status, scenes: readScenes(doc), fatal: null });

    provider.on('closed', ({ code }: { code: number }) => {
      const reason = closeReason[code as CloseCode] ?? `closed (${code})`;
      setState((s) => ({ ...s, fatal: `The server refused this manuscript: ${reason}.` }));
    });
    // A browser that knows it is offline stops trying, and resumes the moment it is back.
    const goOffline = () => provider.disconnect();
    const goOnline = () => provider.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    if (navigator.onLine) provider.connect();

    const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
      if (saves.hasUnstoredChanges()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnBeforeLeaving);

    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      binder.unobserveDeep(refreshScenes);
      saves.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
    // endpointUrl stands for endpoint, whose object identity changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [manuscriptId, identity, endpointUrl]);

  return state;
}
