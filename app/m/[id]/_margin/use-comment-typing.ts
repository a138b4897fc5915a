'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { groupOthersBy } from '../_session/awareness-peers';

/** How long after the last keystroke a writer still counts as typing a reply. */
const TYPING_IDLE_MS = 4000;

export interface CommentTyping {
  /** Thread id → names of co-authors (not you) typing a reply in it now. */
  typing: Map<string, string[]>;
  /** Say that you are typing in this thread (call on each keystroke), or stopped (null). */
  setTyping: (threadId: string | null) => void;
}

/** Who is typing a reply where, shared over awareness (`commentTyping`), so it costs the server nothing to store. */
export function useCommentTyping(provider: WebsocketProvider | null): CommentTyping {
  const [typing, setTypingMap] = useState(new Map<string, string[]>());
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!provider) return;
    const refresh = () => {
      const named = (user: { name?: unknown }) => (typeof user.name === 'string' ? { name: user.name } : null);
      const byThread = groupOthersBy(provider.awareness.getStates(), provider.awareness.clientID, 'commentTyping', named);
      const next = new Map([...byThread].map(([threadId, people]) => [threadId, people.map((person) => person.name)]));
      setTypingMap((current) => (JSON.stringify([...current]) === JSON.stringify([...next]) ? current : next));
    };
    provider.awareness.on('change', refresh);
    refresh();
    return () => provider.awareness.off('change', refresh);
  }, [provider]);

  const setTyping = useCallback(
    (threadId: string | null) => {
      if (!provider) return;
      if (idle.current) clearTimeout(idle.current);
      if (provider.awareness.getLocalState()?.commentTyping !== threadId) provider.awareness.setLocalStateField('commentTyping', threadId);
      if (threadId) idle.current = setTimeout(() => provider.awareness.setLocalStateField('commentTyping', null), TYPING_IDLE_MS);
    },
    [provider],
  );

  return { typing, setTyping };
}
