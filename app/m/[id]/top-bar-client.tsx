'use client';

import Link from 'next/link';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { InboxBell } from '../../_components/inbox-bell';

/** The manuscript's bar: back to the list, the title, who is here and the save status. */
export function TopBarClient({ title, me, children }: { title: string; me: { name: string; color: string }; children: ReactNode }) {
  const bar = useRef<HTMLElement>(null);
  // Its height, however many rows its buttons wrap into, for what sits below it (toolbar, binder, panels).
  useLayoutEffect(() => {
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
      <h1 className="manuscript-title">{title}</h1>
      <div className="topbar-right">
        {children}
        <InboxBell />
        <Link href="/settings" title={`Settings for ${me.name}`}>
          Settings
        </Link>
      </div>
    </header>
  );
}
