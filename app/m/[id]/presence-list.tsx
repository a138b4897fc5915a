'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';

interface Present {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

function readPresence(provider: WebsocketProvider): Present[] {
  const seen = new Set<string>();
  const people: Present[] = [];
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (typeof user?.name !== 'string' || typeof user.color !== 'string') continue;
    const self = clientId === provider.awareness.clientID;
    // The same person in two tabs shows once.
    const key = `${user.name}|${user.color}`;
    if (seen.has(key)) continue;
    seen.add(key);
    people.push({ clientId, name: user.name, color: user.color, self });
  }
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** Who is in the manuscript right now, from awareness. */
export function PresenceList({ provider }: { provider: WebsocketProvider }) {
  const [people, setPeople] = useState<Present[]>(() => readPresence(provider));
  useEffect(() => {
    const refresh = () => setPeople(readPresence(provider));
    provider.awareness.on('change', refresh);
    refresh();
    return () => provider.awareness.off('change', refresh);
  }, [provider]);

  return (
    <ul className="presence" aria-label="Who is here">
      {people.map((person) => (
        <li key={person.clientId} title={person.self ? `${person.name} (you)` : person.name}>
          <span className="presence-dot" style={{ background: person.color }} aria-hidden />
          {person.name}
          {person.self ? <span className="muted"> (you)</span> : null}
        </li>
      ))}
    </ul>
  );
}
