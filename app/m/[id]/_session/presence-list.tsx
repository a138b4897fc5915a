'use client';

import { useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { presenceAnnouncements } from '@/lib/collab/presence-announcements';

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
  const [announcement, setAnnouncement] = useState('');
  const others = useRef<string[]>([]);
  useEffect(() => {
    const refresh = () => {
      const next = readPresence(provider);
      const names = next.filter((person) => !person.self).map((person) => person.name);
      const said = presenceAnnouncements(others.current, names);
      others.current = names;
      if (said.length > 0) setAnnouncement(said.join('. '));
      setPeople(next);
    };
    provider.awareness.on('change', refresh);
    refresh();
    return () => provider.awareness.off('change', refresh);
  }, [provider]);

  return (
    <>
      {/* Arrivals and departures only, politely: a screen reader is never told about keystrokes. */}
      <p className="visually-hidden" aria-live="polite" data-testid="presence-announcement">
        {announcement}
      </p>
      <ul className="presence" aria-label="Who is here">
        {people.map((person) => (
          <li key={person.clientId} title={person.self ? `${person.name} (you)` : person.name}>
            <span className="presence-dot" style={{ background: person.color }} aria-hidden />
            {person.name}
            {person.self ? <span className="muted"> (you)</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
