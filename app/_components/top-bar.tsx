import Link from 'next/link';
import type { ReactNode } from 'react';
import { signOutAction } from '../(auth)/actions';
import { InboxBell } from './inbox-bell';

/** The quiet bar over every signed-in page: where you are, who you are, settings, sign out. */
export function TopBar({ user, children }: { user: { name: string; color: string }; children?: ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="Scriptorium: all manuscripts">
        Scriptorium
      </Link>
      <div className="topbar-middle">{children}</div>
      <nav className="topbar-right" aria-label="Account">
        <span className="me">
          <span className="presence-dot" style={{ background: user.color }} aria-hidden />
          {user.name}
        </span>
        <InboxBell />
        <Link href="/settings">Account settings</Link>
        <form action={signOutAction}>
          <button type="submit" className="link-button">
            Sign out
          </button>
        </form>
      </nav>
    </header>
  );
}
