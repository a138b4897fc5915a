import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './connection';
import { newId } from '../secrets';
import { DEFAULT_NOTIFICATION_SETTINGS, NOTIFICATION_KINDS, type NewNotification, type NotificationKind, type NotificationSettingsView, type NotificationView } from '../records';
import { commentMessages, commentThreads, manuscripts, memberships, notifications, notificationSettings, users } from './schema';

export function getNotificationSettings(db: Db, userId: string): NotificationSettingsView {
  return notificationSettingsFromRow(db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)).get());
}

/** A writer's settings as stored (kinds no longer known are dropped), or the defaults when they never chose. */
export function notificationSettingsFromRow(row: Pick<typeof notificationSettings.$inferSelect, 'kinds' | 'email'> | undefined): NotificationSettingsView {
  if (!row) return { ...DEFAULT_NOTIFICATION_SETTINGS, kinds: [...DEFAULT_NOTIFICATION_SETTINGS.kinds] };
  const kinds = (JSON.parse(row.kinds) as string[]).filter((kind): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind));
  return { kinds, email: row.email };
}

export function setNotificationSettings(db: Db, userId: string, settings: NotificationSettingsView): void {
  const kinds = JSON.stringify([...new Set(settings.kinds)]);
  db.insert(notificationSettings)
    .values({ userId, kinds, email: settings.email })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { kinds, email: settings.email } })
    .run();
}

/**
 * Stores inbox items for the writers who want that kind and are still members of the manuscript;
 * returns the ids stored (someone who turned a kind off gets nothing).
 */
export function addNotifications(db: Db, items: NewNotification[]): string[] {
  const stored: string[] = [];
  db.transaction((tx) => {
    for (const item of items) {
      if (item.actorId !== null && item.userId === item.actorId) continue;
      const member = tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.manuscriptId, item.manuscriptId), eq(memberships.userId, item.userId))).get();
      if (!member) continue;
      if (!getNotificationSettings(tx as unknown as Db, item.userId).kinds.includes(item.kind)) continue;
      const id = newId();
      tx.insert(notifications).values({ id, userId: item.userId, kind: item.kind, manuscriptId: item.manuscriptId, threadId: item.threadId ?? null, actorId: item.actorId, excerpt: item.excerpt.slice(0, 280) }).run();
      stored.push(id);
    }
  }, { behavior: 'immediate' });
  return stored;
}

const view = {
  id: notifications.id,
  kind: notifications.kind,
  manuscriptId: notifications.manuscriptId,
  manuscriptTitle: manuscripts.title,
  threadId: notifications.threadId,
  actorName: users.name,
  excerpt: notifications.excerpt,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

const toView = (row: { id: string; kind: NotificationKind; manuscriptId: string; manuscriptTitle: string; threadId: string | null; actorName: string | null; excerpt: string; createdAt: Date; readAt: Date | null }): NotificationView => ({
  id: row.id,
  kind: row.kind,
  manuscriptId: row.manuscriptId,
  manuscriptTitle: row.manuscriptTitle,
  threadId: row.threadId,
  actorName: row.actorName ?? 'A former member',
  excerpt: row.excerpt,
  createdAt: row.createdAt.getTime(),
  read: row.readAt !== null,
});

/** A writer's newest inbox items, only for manuscripts they are still a member of. */
export function listNotifications(db: Db, userId: string, limit = 50): NotificationView[] {
  return db
    .select(view)
    .from(notifications)
    .innerJoin(manuscripts, eq(manuscripts.id, notifications.manuscriptId))
    .innerJoin(memberships, and(eq(memberships.manuscriptId, notifications.manuscriptId), eq(memberships.userId, notifications.userId)))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(and(eq(notifications.userId, userId), isNull(manuscripts.deletedAt)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
    .all()
    .map(toView);
}

/** Counts what listNotifications can show: a trashed manuscript's items would leave a badge the inbox cannot clear. */
export function unreadCount(db: Db, userId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .innerJoin(manuscripts, eq(manuscripts.id, notifications.manuscriptId))
    .innerJoin(memberships, and(eq(memberships.manuscriptId, notifications.manuscriptId), eq(memberships.userId, notifications.userId)))
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(manuscripts.deletedAt)))
    .get();
  return row?.n ?? 0;
}

/** Marks some (or, with no ids, all) of this writer's items read; never anyone else's. */
export function markNotificationsRead(db: Db, userId: string, ids?: string[]): void {
  const mine = eq(notifications.userId, userId);
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(ids ? and(mine, inArray(notifications.id, ids), isNull(notifications.readAt)) : and(mine, isNull(notifications.readAt)))
    .run();
}

/** Items not yet emailed: these ids (immediate), or every unread one of a writer (digest). */
export function notificationsToEmail(db: Db, selector: { ids: string[] } | { userId: string }): (NotificationView & { userId: string; email: string; userName: string })[] {
  const rows = db
    .select({ ...view, userId: notifications.userId })
    .from(notifications)
    .innerJoin(manuscripts, eq(manuscripts.id, notifications.manuscriptId))
    // Only what the writer could still read in the inbox: a member of a manuscript not in the trash.
    .innerJoin(memberships, and(eq(memberships.manuscriptId, notifications.manuscriptId), eq(memberships.userId, notifications.userId)))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(
      and(
        isNull(manuscripts.deletedAt),
        'ids' in selector ? and(inArray(notifications.id, selector.ids.length ? selector.ids : ['']), isNull(notifications.emailedAt)) : and(eq(notifications.userId, selector.userId), isNull(notifications.emailedAt), isNull(notifications.readAt)),
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .all();
  const people = new Map(
    db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.map((row) => row.userId))].concat('')))
      .all()
      .map((person) => [person.id, person]),
  );
  return rows.flatMap((row) => {
    const person = people.get(row.userId);
    return person ? [{ ...toView(row), userId: row.userId, email: person.email, userName: person.name }] : [];
  });
}

export function markEmailed(db: Db, ids: string[]): void {
  if (ids.length) db.update(notifications).set({ emailedAt: new Date() }).where(inArray(notifications.id, ids)).run();
}

/** Writers on the daily digest whose last digest is older than `before`. */
export function digestRecipients(db: Db, before: Date): string[] {
  return db
    .select({ userId: notificationSettings.userId, last: notificationSettings.lastDigestAt })
    .from(notificationSettings)
    .where(eq(notificationSettings.email, 'daily'))
    .all()
    .filter((row) => !row.last || row.last < before)
    .map((row) => row.userId);
}

export function claimDigest(db: Db, userId: string, before: Date, at: Date): boolean {
  return (
    db
      .update(notificationSettings)
      .set({ lastDigestAt: at })
      .where(and(eq(notificationSettings.userId, userId), or(isNull(notificationSettings.lastDigestAt), lt(notificationSettings.lastDigestAt, before))))
      .run().changes > 0
  );
}

/** Who has taken part in a thread: who began it and everyone who wrote in it. */
export function threadParticipants(db: Db, threadId: string): { createdBy: string | null; writers: string[]; quote: string } | null {
  const thread = db.select({ createdBy: commentThreads.createdBy, quote: commentThreads.quote }).from(commentThreads).where(eq(commentThreads.id, threadId)).get();
  if (!thread) return null;
  const writers = db
    .selectDistinct({ authorId: commentMessages.authorId })
    .from(commentMessages)
    .where(eq(commentMessages.threadId, threadId))
    .all()
    .flatMap((row) => (row.authorId ? [row.authorId] : []));
  return { createdBy: thread.createdBy, writers, quote: thread.quote };
}
