import 'server-only';
import { getStorage } from '@/app/_server/storage';
import { processInboxSignal } from '@/lib/notifications/signal';
import { createUnreadHub, type UnreadHub } from '@/lib/notifications/unread-hub';
import { readEnv } from '@/lib/config/env';

const holder = globalThis as unknown as { scriptoriumUnreadHub?: UnreadHub };

/** The web process's one hub: every open stream of every writer, fed by the inbox signal. */
export function unreadHub(): UnreadHub {
  holder.scriptoriumUnreadHub ??= createUnreadHub({
    signal: processInboxSignal(readEnv()),
    unreadCount: async (userId) => (await getStorage()).notifications.unreadCount(userId),
  });
  return holder.scriptoriumUnreadHub;
}
