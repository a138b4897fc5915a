import { addNotifications, getMessageView, rolesForManuscript, threadParticipants, type Db, type NewNotification } from '../db';

/** Something a writer did to a comment that others may want to hear about. */
export type CommentActivity =
  | { kind: 'thread-created' | 'replied' | 'edited'; manuscriptId: string; threadId: string; messageId: string; actorId: string; mentions: string[] }
  | { kind: 'resolved' | 'reopened'; manuscriptId: string; threadId: string; actorId: string };

/** Called with the ids of inbox items just stored, to email them to whoever asked for that at once. */
export type Deliver = (notificationIds: string[]) => void;

const excerptOf = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/**
 * Who hears about a comment: the members it mentions (a mention), everyone who began or wrote in
 * the thread (a reply), the writer who began it (resolved, reopened). Never the one who did it,
 * and each person once per event, a mention winning over a reply.
 */
export function recipientsOfComment(db: Db, activity: CommentActivity): NewNotification[] {
  const participants = threadParticipants(db, activity.threadId);
  if (!participants) return [];
  const base = { manuscriptId: activity.manuscriptId, threadId: activity.threadId, actorId: activity.actorId };
  if (!('messageId' in activity)) {
    return participants.createdBy ? [{ ...base, userId: participants.createdBy, kind: activity.kind, excerpt: excerptOf(participants.quote) }] : [];
  }
  const body = excerptOf(getMessageView(db, activity.messageId)?.body ?? '');
  const items: NewNotification[] = activity.mentions.map((userId) => ({ ...base, userId, kind: 'mention', excerpt: body }));
  if (activity.kind === 'replied') {
    const told = new Set(activity.mentions);
    for (const userId of new Set([participants.createdBy, ...participants.writers])) {
      if (userId && !told.has(userId)) items.push({ ...base, userId, kind: 'reply', excerpt: body });
    }
  }
  return items.filter((item) => item.userId !== activity.actorId);
}

/** The inbox as the servers use it: store items for a comment, a share or a restore, then deliver them. */
export function createInbox(db: Db, deliver: Deliver = () => {}) {
  const store = (items: NewNotification[]) => {
    const ids = addNotifications(db, items);
    if (ids.length > 0) deliver(ids);
    return ids;
  };
  return {
    comment: (activity: CommentActivity) => store(recipientsOfComment(db, activity)),
    /** A manuscript was shared with an existing writer. */
    shared: (input: { manuscriptId: string; userId: string; actorId: string; role: string }) =>
      store([{ manuscriptId: input.manuscriptId, userId: input.userId, actorId: input.actorId, kind: 'shared', excerpt: `as ${input.role}` }]),
    /**
     * A co-author restored a draft: every other member hears. The collab room calls this once the
     * restore is stored (`onDraftRestored` in server/index.ts).
     */
    draftRestored: (input: { manuscriptId: string; actorId: string; draftName: string }) =>
      store(
        [...rolesForManuscript(db, input.manuscriptId).keys()].map((userId) => ({
          manuscriptId: input.manuscriptId,
          userId,
          actorId: input.actorId,
          kind: 'draft-restored' as const,
          excerpt: input.draftName,
        })),
      ),
  };
}
export type Inbox = ReturnType<typeof createInbox>;
