import { describe, expect, it } from 'vitest';
import type { InboxSignal } from './signal';
import { createUnreadHub, type UnreadUpdate } from './unread-hub';

/** A signal a test drives by hand. */
function manualSignal() {
  let listener: ((change: string[] | 'all') => void) | null = null;
  const signal: Pick<InboxSignal, 'subscribe'> = {
    subscribe(onChange) {
      listener = onChange;
      return () => (listener = null);
    },
  };
  return { signal, send: (change: string[] | 'all') => listener?.(change), subscribed: () => listener !== null };
}

describe('unread hub', () => {
  it('reads a writer’s count once per change however many tabs they have, and only for the writers named', async () => {
    const counts = new Map([['ada', 1], ['ben', 0]]);
    const reads: string[] = [];
    const { signal, send } = manualSignal();
    const hub = createUnreadHub({ signal, fallbackMs: 3_600_000, unreadCount: async (id) => (reads.push(id), counts.get(id) ?? 0) });
    const tabs: UnreadUpdate[][] = [[], [], []];
    hub.watch('ada', (update) => tabs[0]!.push(update));
    hub.watch('ada', (update) => tabs[1]!.push(update));
    hub.watch('ben', (update) => tabs[2]!.push(update));
    await expect.poll(() => tabs[2]!.length).toBe(1);
    reads.length = 0;

    counts.set('ada', 2);
    send(['ada', 'stranger']);
    await expect.poll(() => tabs[1]!.at(-1)).toEqual({ unread: 2 });
    expect(tabs[0]!.at(-1)).toEqual({ unread: 2 });
    expect(reads).toEqual(['ada']);
    send('all');
    await expect.poll(() => reads.length).toBe(3);
  });

  it('re-reads every watched writer on the slow timer, and stops listening when the last tab closes', async () => {
    let reads = 0;
    const { signal, subscribed } = manualSignal();
    const hub = createUnreadHub({ signal, fallbackMs: 20, unreadCount: async () => ++reads });
    const stop = hub.watch('ada', () => {});
    await expect.poll(() => reads).toBeGreaterThan(3);
    stop();
    expect(subscribed()).toBe(false);
  });

  it('passes a failed read on to the tabs', async () => {
    const { signal } = manualSignal();
    const hub = createUnreadHub({ signal, unreadCount: async () => Promise.reject(new Error('database gone')) });
    const updates: UnreadUpdate[] = [];
    hub.watch('ada', (update) => updates.push(update));
    await expect.poll(() => updates).toEqual([{ error: new Error('database gone') }]);
  });
});
