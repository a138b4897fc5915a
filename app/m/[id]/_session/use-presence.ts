'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { PresentWriter } from '../_binder/binder-panel';
import { groupOthersBy } from './awareness-peers';

/** Which co-authors (not you) are in which scene, from the awareness `sceneId` each client shares. */
export function useScenePresence(provider: WebsocketProvider | null): Map<string, PresentWriter[]> {
  const [presence, setPresence] = useState(new Map<string, PresentWriter[]>());
  useEffect(() => {
    if (!provider) return;
    const refresh = () => {
      const person = (user: { name?: unknown; color?: unknown }) => (typeof user.name === 'string' && typeof user.color === 'string' ? { name: user.name, color: user.color } : null);
      setPresence(groupOthersBy(provider.awareness.getStates(), provider.awareness.clientID, 'sceneId', person));
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
