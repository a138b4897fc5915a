import type { NewNotification } from '../storage/records';
import type { Storage } from '../storage/storage';

/** What the inbox reads and writes. */
export type InboxStorage = Pick<Storage, 'notifications' | 'comments' | 'members'>;

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
export async function recipientsOfComment(storage: InboxStorage, activity: CommentActivity): Promise<NewNotification[]> {
  const participants = await storage.notifications.threadParticipants(activity.threadId);
  if (!participants) return [];
  const base = { manuscriptId: activity.manuscriptId, threadId: activity.threadId, actorId: activity.actorId };
  if (!('messageId' in activity)) {
    return participants.createdBy ? [{ ...base, userId: participants.createdBy, kind: activity.kind, excerpt: excerptOf(participants.quote) }] : [];
  }
  const body = excerptOf((await storage.comments.getMessageView(activity.messageId))?.body ?? '');
  const items: NewNotification[] = activity.mentions.map((userId) => ({ ...base, userId, kind: 'mention', excerpt: body }));
  if (activity.kind === 'replied') {
    const told = new Set(activity.mentions);
    for (const userId of new Set([participants.createdBy, ...participants.writers])) {
      if (userId && !told.has(userId)) items.push({ ...base, userId, kind: 'reply', excerpt: body });
    }
  }
  return items.filter((item) => item.userId !== activity.actorId);
}

/**
 * The inbox as the servers use it: store items for a comment, a share or a restore, then deliver
 * them and `announce` whose inbox changed (the inbox signal, so open streams update).
 */
export function createInbox(storage: InboxStorage, deliver: Deliver = () => {}, announce: (userIds: string[]) => void = () => {}) {
  const store = async (items: NewNotification[]) => {
    const ids = await storage.notifications.add(items);
    if (ids.length > 0) deliver(ids);
    if (ids.length > 0) announce(items.map((item) => item.userId));
    return ids;
  };
  return {
    comment: async (activity: CommentActivity) => store(await recipientsOfComment(storage, activity)),
    /** A manuscript was shared with an existing writer. */
    shared: (input: { manuscriptId: string; userId: string; actorId: string; role: string }) =>
      store([{ manuscriptId: input.manuscriptId, userId: input.userId, actorId: input.actorId, kind: 'shared', excerpt: `as ${input.role}` }]),
    /**
     * A co-author restored a draft: every other member hears. The collab room calls this once the
     * restore is stored (`onDraftRestored` in server/index.ts).
     */
    draftRestored: async (input: { manuscriptId: string; actorId: string; draftName: string }) =>
      store(
        [...((await storage.members.rolesFor([input.manuscriptId])).get(input.manuscriptId)?.keys() ?? [])].map((userId) => ({
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
