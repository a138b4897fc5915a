import type { InboxSignal } from './signal';

/** How often every watched writer's count is read anyway, in case a signal was lost. */
export const FALLBACK_CHECK_MS = 30_000;

export type UnreadUpdate = { unread: number } | { error: Error };

/**
 * The unread counts a web process's open streams show. A writer's count is read once per change
 * (however many tabs they have open), when the inbox signal names them, and on a slow timer for
 * every writer watched; never once per tab per second.
 */
export function createUnreadHub(options: { unreadCount: (userId: string) => Promise<number>; signal: Pick<InboxSignal, 'subscribe'>; fallbackMs?: number }) {
  const watchers = new Map<string, Set<(update: UnreadUpdate) => void>>();
  /** Writers whose count is being read, and whether another read was asked for meanwhile. */
  const reading = new Map<string, { again: boolean }>();
  let unsubscribe: (() => void) | null = null;
  let fallback: ReturnType<typeof setInterval> | null = null;

  const refresh = (userId: string) => {
    const inFlight = reading.get(userId);
    if (inFlight) return void (inFlight.again = true);
    const state = { again: false };
    reading.set(userId, state);
    options
      .unreadCount(userId)
      .then(
        (unread): UnreadUpdate => ({ unread }),
        (error: unknown): UnreadUpdate => ({ error: error instanceof Error ? error : new Error(String(error)) }),
      )
      .then((update) => {
        reading.delete(userId);
        for (const listener of watchers.get(userId) ?? []) listener(update);
        if (state.again && watchers.has(userId)) refresh(userId);
      });
  };

  const start = () => {
    unsubscribe = options.signal.subscribe((change) => {
      for (const userId of change === 'all' ? watchers.keys() : change) if (watchers.has(userId)) refresh(userId);
    });
    fallback = setInterval(() => {
      for (const userId of watchers.keys()) refresh(userId);
    }, options.fallbackMs ?? FALLBACK_CHECK_MS);
    fallback.unref();
  };

  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
    if (fallback) clearInterval(fallback);
    fallback = null;
  };

  return {
    /** Calls `listener` with the writer's count now and whenever it may have changed; returns a stop function. */
    watch(userId: string, listener: (update: UnreadUpdate) => void): () => void {
      if (watchers.size === 0) start();
      const listeners = watchers.get(userId) ?? new Set();
      watchers.set(userId, listeners);
      listeners.add(listener);
      // A new tab reads the count itself: others' last answer may predate a lost signal.
      refresh(userId);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) watchers.delete(userId);
        if (watchers.size === 0) stop();
      };
    },
  };
}
export type UnreadHub = ReturnType<typeof createUnreadHub>;
