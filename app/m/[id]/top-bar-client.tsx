'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { InboxBell } from '../../_components/inbox-bell';

/** The manuscript's bar: back to the list, the title, who is here and the save status. */
export function TopBarClient({ title, me, children }: { title: string; me: { name: string; color: string }; children: ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="All manuscripts">
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
