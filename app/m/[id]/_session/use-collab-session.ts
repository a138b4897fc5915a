'use client';

import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@/lib/access/roles';
import { CloseCode, closeReason } from '@/lib/collab/close-codes';
import { MessageType } from '@/lib/collab/message-types';
import { encodeRestoreDraft, onServerMessage, PROTOCOL_VERSION, type RestoreResult } from '@/lib/collab/protocol';
import { shouldReconnectAfter } from '@/lib/collab/reconnect';
import { formatRoomName } from '@/lib/collab/room-name';
import { trackSaves, type SaveStatus, type SaveTracker } from '@/lib/collab/save-tracker';
import type { CollabEndpoint } from '../../../_server/collab-url';

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

/** Refresh the token well before its ten minutes run out, so reconnects always carry a valid one. */
const TOKEN_REFRESH_MS = 4 * 60 * 1000;
const TOKEN_RETRY_MS = 3000;

function collabUrl(endpoint: CollabEndpoint): string {
  if ('url' in endpoint) return endpoint.url;
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.hostname}:${endpoint.port}`;
}

type Grant = { kind: 'ok'; token: string } | { kind: 'denied' } | { kind: 'unreachable' };

async function fetchGrant(manuscriptId: string): Promise<Grant> {
  try {
    const response = await fetch('/api/collab-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ manuscriptId }),
    });
    if (response.status === 401 || response.status === 404) return { kind: 'denied' };
    if (!response.ok) return { kind: 'unreachable' };
    const body = (await response.json()) as { token: string };
    return { kind: 'ok', token: body.token };
  } catch {
    return { kind: 'unreachable' };
  }
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
    const provider = new WebsocketProvider(collabUrl(endpoint), formatRoomName(manuscriptId), doc, {
      connect: false,
      maxBackoffTime: 5000,
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
      if (grant.kind === 'denied') return loseAccess('You no longer have access to this manuscript.');
      if (grant.kind === 'unreachable') {
        retry = setTimeout(() => void connectWithFreshToken(), TOKEN_RETRY_MS);
        return;
      }
      provider.params = { token: grant.token, v: String(PROTOCOL_VERSION) };
      if (navigator.onLine) provider.connect();
    };
    const refreshToken = setInterval(async () => {
      const grant = await fetchGrant(manuscriptId);
      if (active && grant.kind === 'ok') provider.params = { token: grant.token, v: String(PROTOCOL_VERSION) };
    }, TOKEN_REFRESH_MS);

    let refusedInARow = 0;
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        refusedInARow = 0;
        setState((s) => (s.stalled ? { ...s, stalled: null } : s));
      }
    });
    provider.on('closed', ({ code }: { code: number }) => {
      if (code === CloseCode.Unauthorized) return void connectWithFreshToken();
      // Removed, or a role that may no longer write: a fresh token tells which; a loop is cut short.
      if (code === CloseCode.Forbidden && ++refusedInARow < 3) return void connectWithFreshToken();
      // A commenter's change that was more than a suggestion: the local copy holds it and would send it
      // again on every visit, so it is forgotten; a reload starts from the saved text.
      if (code === CloseCode.SuggestionRefused) {
        return loseAccess('A change here could only be kept as a suggestion, so it was not saved. Reload the page to go on from the saved text.');
      }
      if (code === CloseCode.MessageTooBig) {
        // Retrying would send the same change again: keep writing locally and let the writer decide.
        return setState((s) => ({ ...s, stalled: 'This change is too large to save: undo part of it, then try again. Your words are kept on this device.' }));
      }
      const reason = closeReason[code as CloseCode] ?? `closed (${code})`;
      const fatal =
        code === CloseCode.ProtocolOutdated
            ? 'Scriptorium was updated: reload the page to keep writing. Your words are kept on this device.'
            : `The server refused this manuscript: ${reason}.`;
      setState((s) => ({ ...s, fatal }));
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
