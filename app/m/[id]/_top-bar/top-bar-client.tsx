'use client';

import Link from 'next/link';
import { useEffect, useRef, type ReactNode } from 'react';
import { InboxBell } from '../../../_components/inbox-bell';

/** The manuscript's bar: back to the list, the title, who is here and the save status. */
export function TopBarClient({ title, me, children }: { title: string; me: { name: string; color: string }; children: ReactNode }) {
  const bar = useRef<HTMLElement>(null);
  // Drawers open below the bar, however many rows a long title and the buttons take.
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const observer = new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <header className="topbar" ref={bar}>
      <Link href="/" className="brand" aria-label="Scriptorium: all manuscripts">
        Scriptorium
      </Link>
      {/* A long title is cut with an ellipsis; the whole of it is in the tooltip. */}
      <h1 className="manuscript-title" title={title}>
        {title}
      </h1>
      <div className="topbar-right">
        {children}
        <InboxBell />
        <Link href="/settings" title={`Account settings for ${me.name}`}>
          Account settings
        </Link>
      </div>
    </header>
  );
}
