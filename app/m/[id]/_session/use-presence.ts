'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { PresentWriter } from '../_binder/binder-panel';

/** Which co-authors (not you) are in which scene, from the awareness `sceneId` each client shares. */
export function useScenePresence(provider: WebsocketProvider | null): Map<string, PresentWriter[]> {
  const [presence, setPresence] = useState(new Map<string, PresentWriter[]>());
  useEffect(() => {
    if (!provider) return;
    const refresh = () => {
      const next = new Map<string, PresentWriter[]>();
      for (const [clientId, state] of provider.awareness.getStates()) {
        if (clientId === provider.awareness.clientID) continue;
        const { user, sceneId } = state as { user?: { name?: unknown; color?: unknown }; sceneId?: unknown };
        if (typeof sceneId !== 'string' || typeof user?.name !== 'string' || typeof user.color !== 'string') continue;
        const here = next.get(sceneId) ?? [];
        if (!here.some((person) => person.name === user.name)) here.push({ name: user.name, color: user.color });
        next.set(sceneId, here);
      }
      setPresence(next);
    };
    provider.awareness.on('change', refresh);
    refresh();
    return () => provider.awareness.off('change', refresh);
  }, [provider]);
  return presence;
}

/** Tells co-authors which scene this writer is in (null while reading through), for their binder. */
export function useShareSceneHere(provider: WebsocketProvider | null, sceneId: string | null): void {
  useEffect(() => {
    provider?.awareness.setLocalStateField('sceneId', sceneId);
  }, [provider, sceneId]);
}
