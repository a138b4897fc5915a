'use client';

import { ROLE_DESCRIPTION } from '@/lib/access/roles';
import type { Role } from '@/lib/domain/roles';

interface SessionBannersProps {
  /** Access ended or the server refused the manuscript for good. */
  fatal: string | null;
  writable: boolean;
  role: Role;
  /** Saving waits for the writer (a change too large to store); Try again reconnects. */
  stalled: string | null;
  onRetry: () => void;
  /** Something the writer did was refused, or a restore of theirs finished. */
  notice: string | null;
  onDismissNotice: () => void;
}

/** The banners over the text: the session ended, what this role may do, saving stalled, and the latest notice. */
export function SessionBanners({ fatal, writable, role, stalled, onRetry, notice, onDismissNotice }: SessionBannersProps) {
  return (
    <>
      {fatal ? (
        <p role="alert" className="error banner">
          {/* A full page load on purpose: nothing of a manuscript that failed should stay in memory. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          {fatal} <a href="/">Back to your manuscripts</a>
        </p>
      ) : null}
      {!fatal && !writable ? (
        <p className="role-banner banner" data-role={role}>
          {ROLE_DESCRIPTION[role]}
        </p>
      ) : null}
      {stalled ? <NoticeBanner message={stalled} actionLabel="Try again" onAction={onRetry} /> : null}
      {notice ? <NoticeBanner message={notice} actionLabel="Dismiss" onAction={onDismissNotice} /> : null}
    </>
  );
}

/** A notice the writer should read now, with the one thing to do about it. */
function NoticeBanner({ message, actionLabel, onAction }: { message: string; actionLabel: string; onAction: () => void }) {
  return (
    <div role="alert" className="notice banner">
      <p>{message}</p>
      <button type="button" onClick={onAction}>
        {actionLabel}
      </button>
    </div>
  );
}
