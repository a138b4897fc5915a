'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { CommentThreadView } from '@/lib/comments/protocol';
import type { Binder } from '@/lib/manuscript/binder';

/**
 * An inbox item opens the manuscript at its passage: /m/ID?thread=THREAD. Once the thread and the
 * binder have loaded, `open` is called once and the address loses its query.
 */
export function useLinkedThread(binder: Binder | null, threads: CommentThreadView[], open: (thread: CommentThreadView) => void): void {
  const searchParams = useSearchParams();
  const [linkedThread, setLinkedThread] = useState<string | null>(null);
  useEffect(() => setLinkedThread(searchParams.get('thread')), [searchParams]);
  useEffect(() => {
    if (!linkedThread || !binder) return;
    const thread = threads.find((t) => t.id === linkedThread);
    if (!thread) return;
    setLinkedThread(null);
    window.history.replaceState(null, '', window.location.pathname);
    open(thread);
    // open is a fresh closure each render; the thread opens once, when it and the binder are known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkedThread, binder, threads]);
}
