import type { NotificationView } from '../records';
import { newId } from '../secrets';
import { notificationSettingsFromRow } from '../sqlite/notifications';
import type { NotificationStore } from '../storage';
import { atomically, findRow, insertRow, liveManuscript, membershipOf, nameOf, newestFirst, selectRows, type MemoryTables, type Row } from './tables';

/** Inbox items and their settings in memory: only what a writer could still read is listed, counted or emailed. */
export function createMemoryNotificationStore(tables: MemoryTables): NotificationStore {
  const settingsOf = (userId: string) => findRow(tables, 'notificationSettings', (row) => row.userId === userId);
  const getSettings = (userId: string) => notificationSettingsFromRow(settingsOf(userId));
  /** A member of a manuscript not in the trash: what the SQL engines' joins on manuscripts and memberships keep. */
  const readable = (item: Row<'notifications'>) => liveManuscript(tables, item.manuscriptId) !== undefined && membershipOf(tables, item.manuscriptId, item.userId) !== undefined;
  const itemsOf = (where: (item: Row<'notifications'>) => boolean) =>
    newestFirst(
      selectRows(tables, 'notifications', (item) => where(item) && readable(item)),
      (item) => item.createdAt,
    );
  const viewOf = (item: Row<'notifications'>): NotificationView => ({
    id: item.id,
    kind: item.kind,
    manuscriptId: item.manuscriptId,
    manuscriptTitle: liveManuscript(tables, item.manuscriptId)!.title,
    threadId: item.threadId,
    actorName: nameOf(tables, item.actorId) ?? 'A former member',
    excerpt: item.excerpt,
    createdAt: item.createdAt.getTime(),
    read: item.readAt !== null,
  });
  return {
    getSettings: async (userId) => getSettings(userId),
    async setSettings(userId, settings) {
      const kinds = JSON.stringify([...new Set(settings.kinds)]);
      const row = settingsOf(userId);
      if (row) Object.assign(row, { kinds, email: settings.email });
      else insertRow(tables, 'notificationSettings', { userId, kinds, email: settings.email });
    },
    add: async (items) =>
      atomically(tables, () => {
        const stored: string[] = [];
        for (const item of items) {
          if (item.actorId !== null && item.userId === item.actorId) continue;
          if (!membershipOf(tables, item.manuscriptId, item.userId)) continue;
          if (!getSettings(item.userId).kinds.includes(item.kind)) continue;
          const id = newId();
          insertRow(tables, 'notifications', { id, userId: item.userId, kind: item.kind, manuscriptId: item.manuscriptId, threadId: item.threadId ?? null, actorId: item.actorId, excerpt: item.excerpt.slice(0, 280) });
          stored.push(id);
        }
        return stored;
      }),
    list: async (userId, limit = 50) =>
      itemsOf((item) => item.userId === userId)
        .slice(0, limit)
        .map(viewOf),
    unreadCount: async (userId) => itemsOf((item) => item.userId === userId && item.readAt === null).length,
    async markRead(userId, ids) {
      const now = new Date();
      for (const item of selectRows(tables, 'notifications', (row) => row.userId === userId && row.readAt === null && (!ids || ids.includes(row.id)))) item.readAt = now;
    },
    async toEmail(selector) {
      const due = itemsOf((item) => item.emailedAt === null && ('ids' in selector ? selector.ids.includes(item.id) : item.userId === selector.userId && item.readAt === null));
      return due.flatMap((item) => {
        const person = findRow(tables, 'users', (row) => row.id === item.userId);
        return person ? [{ ...viewOf(item), userId: item.userId, email: person.email, userName: person.name }] : [];
      });
    },
    async markEmailed(ids) {
      const now = new Date();
      for (const item of selectRows(tables, 'notifications', (row) => ids.includes(row.id))) item.emailedAt = now;
    },
    digestRecipients: async (before) => selectRows(tables, 'notificationSettings', (row) => row.email === 'daily' && (!row.lastDigestAt || row.lastDigestAt < before)).map((row) => row.userId),
    async claimDigest(userId, before, at) {
      const row = settingsOf(userId);
      if (!row || (row.lastDigestAt !== null && row.lastDigestAt >= before)) return false;
      row.lastDigestAt = at;
      return true;
    },
    async threadParticipants(threadId) {
      const thread = findRow(tables, 'commentThreads', (row) => row.id === threadId);
      if (!thread) return null;
      const writers = new Set(selectRows(tables, 'commentMessages', (row) => row.threadId === threadId).flatMap((row) => (row.authorId ? [row.authorId] : [])));
      return { createdBy: thread.createdBy, writers: [...writers], quote: thread.quote };
    },
  };
}
