'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotificationView } from '@/lib/storage/records';
import { useEscapeToClose } from './use-escape-to-close';

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** What happened, in the inbox's words (the email says the same). */
function describe(item: NotificationView): string {
  switch (item.kind) {
    case 'mention':
      return `${item.actorName} mentioned you`;
    case 'reply':
      return `${item.actorName} replied in a thread you're in`;
    case 'resolved':
      return `${item.actorName} resolved your comment`;
    case 'reopened':
      return `${item.actorName} reopened your comment`;
    case 'shared':
      return `${item.actorName} shared a manuscript with you`;
    case 'draft-restored':
      return `${item.actorName} restored a draft`;
  }
}

const hrefOf = (item: NotificationView) => `/m/${item.manuscriptId}${item.threadId ? `?thread=${item.threadId}` : ''}`;

/** The inbox in the top bar: a bell with the unread count, live while the page is open. */
export function InboxBell() {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const response = await fetch('/api/notifications', { cache: 'no-store' });
    if (!response.ok) return;
    const body = (await response.json()) as { unread: number; items: NotificationView[] };
    setUnread(body.unread);
    setItems(body.items);
  }, []);

  // The server pushes the unread count as it changes; the list is fetched when it does, or on opening.
  useEffect(() => {
    const source = new EventSource('/api/notifications/stream');
    source.addEventListener('unread', (event) => {
      const { unread: count } = JSON.parse((event as MessageEvent<string>).data) as { unread: number };
      setUnread(count);
      setItems(null);
    });
    return () => source.close();
  }, []);
  useEffect(() => {
    if (open && items === null) void load();
  }, [open, items, load]);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  // Escape closes it, and focus goes back to the bell.
  useEscapeToClose(box, () => setOpen(false), open);

  const markRead = async (ids?: string[]) => {
    const response = await fetch('/api/notifications/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ids ? { ids } : {}) });
    if (response.ok) setUnread(((await response.json()) as { unread: number }).unread);
    setItems((current) => current?.map((item) => (!ids || ids.includes(item.id) ? { ...item, read: true } : item)) ?? null);
  };

  return (
    <div className="inbox" ref={box}>
      <button
        type="button"
        className="inbox-bell"
        aria-label={unread > 0 ? `Inbox, ${unread} unread` : 'Inbox'}
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden>
          <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.5A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm0 19a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z" fill="currentColor" />
        </svg>
        {unread > 0 ? <span className="inbox-count" data-testid="inbox-count">{unread > 99 ? '99+' : unread}</span> : null}
      </button>
      {open ? (
        <section className="inbox-panel" role="dialog" aria-label="Inbox">
          <header className="inbox-head">
            <h2>Inbox</h2>
            <button type="button" className="link-button small" disabled={unread === 0} onClick={() => void markRead()}>
              Mark all read
            </button>
          </header>
          {items === null ? (
            <p className="muted small">Loading…</p>
          ) : items.length === 0 ? (
            <p className="muted small">Nothing yet. Mentions, replies and shares will appear here.</p>
          ) : (
            <ol className="inbox-items">
              {items.map((item) => (
                <li key={item.id} className={item.read ? 'inbox-item' : 'inbox-item unread'}>
                  <Link href={hrefOf(item)} onClick={() => (item.read ? undefined : void markRead([item.id]), setOpen(false))}>
                    <span className="inbox-what">{describe(item)}</span>
                    <span className="inbox-where muted small">
                      {item.manuscriptTitle} · {timeFormat.format(item.createdAt)}
                    </span>
                    {item.excerpt ? <span className="inbox-excerpt small">{item.excerpt}</span> : null}
                  </Link>
                  {!item.read ? (
                    <button type="button" className="link-button small" onClick={() => void markRead([item.id])} aria-label={`Mark “${describe(item)}” read`}>
                      Mark read
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          <p className="inbox-foot small">
            <Link href="/settings#notifications">Notification settings</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
