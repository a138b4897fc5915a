import { mayComment, type CommentAction } from '../../lib/comments/authorize';
import { commentOpSchema, type CommentEvent } from '../../lib/comments/protocol';
import type { CommentThreadView } from '../../lib/comments/protocol';
import type { CommentStore } from '../../lib/storage/comment-store';
import { inboxFromEnv, startDigests } from '../../lib/notifications/delivery';
import type { CommentActivity, InboxStorage } from '../../lib/notifications/inbox';
import type { Identity } from '../auth/authenticate';

export type { CommentActivity };

export interface CommentOutcome {
  /** For the connection that asked. */
  reply: CommentEvent;
  /** For everyone in the room, the asker included: only what changed. */
  broadcast?: CommentEvent;
}

/** Comments as the collab server serves them: one place that validates, authorises, stores and reports. */
export interface CommentService {
  threads(manuscriptId: string): Promise<CommentThreadView[]>;
  handle(manuscriptId: string, identity: Identity, payload: unknown): Promise<CommentOutcome>;
}

/**
 * `onActivity` hears what writers did (for the inbox); by default it stores inbox items and emails
 * them as configured, and this collab process sends the daily digests.
 */
export function createCommentService(storage: InboxStorage, options: { onActivity?: (activity: CommentActivity) => unknown } = {}): CommentService {
  if (!options.onActivity) {
    const inbox = inboxFromEnv(storage);
    options = { onActivity: inbox.comment };
    startDigests(storage);
  }
  return createCommentServiceOn(storage.comments, options);
}

/** The same service over any comment store (PostgreSQL when several instances share one); `onActivity` feeds the inbox. */
export function createCommentServiceOn(store: CommentStore, options: { onActivity?: (activity: CommentActivity) => unknown } = {}): CommentService {
  const refused = (requestId: string, message: string): CommentOutcome => ({ reply: { kind: 'refused', requestId, message } });
  const done = (requestId: string, broadcast?: CommentEvent): CommentOutcome => ({ reply: { kind: 'done', requestId }, broadcast });
  const messageChanged = async (requestId: string, threadId: string, messageId: string) => {
    const message = await store.getMessageView(messageId);
    return done(requestId, message ? { kind: 'message', threadId, message } : undefined);
  };
  // Only members can be mentioned; anything else in the list is dropped.
  const members = async (manuscriptId: string, ids: string[]) => {
    const memberIds = await store.memberIds(manuscriptId);
    return [...new Set(ids)].filter((id) => memberIds.has(id));
  };
  const allowed = (identity: Identity, action: CommentAction, isAuthor = false) => mayComment(identity.role, action, { isAuthor });
  // Telling others must never undo or fail what was stored; it is awaited so the inbox is current when the writer hears "done".
  const tell = async (activity: CommentActivity) => {
    try {
      await options.onActivity?.(activity);
    } catch {
      /* the inbox is best effort; the comment stands */
    }
  };

  return {
    threads: (manuscriptId) => store.listThreads(manuscriptId),
    async handle(manuscriptId, identity, payload) {
      const parsed = commentOpSchema.safeParse(payload);
      const requestId = typeof (payload as { requestId?: unknown })?.requestId === 'string' ? (payload as { requestId: string }).requestId.slice(0, 64) : '';
      if (!parsed.success) return refused(requestId, parsed.error.issues[0]?.message ?? 'That comment operation is not valid.');
      const op = parsed.data;
      const userId = identity.user.id;
      switch (op.op) {
        case 'create': {
          if (!allowed(identity, 'create')) return refused(op.requestId, 'Only commenters, editors and the owner can comment.');
          const mentions = await members(manuscriptId, op.mentions);
          const threadId = await store.createThread({ manuscriptId, sceneId: op.sceneId, anchor: op.anchor, quote: op.quote, context: op.context, authorId: userId, body: op.body, mentions });
          const thread = await store.listThreads(manuscriptId, [threadId]);
          await tell({ kind: 'thread-created', manuscriptId, threadId, messageId: thread[0]!.messages[0]!.id, actorId: userId, mentions });
          return done(op.requestId, { kind: 'threads', threads: thread });
        }
        case 'reply': {
          if (!allowed(identity, 'reply')) return refused(op.requestId, 'Only commenters, editors and the owner can reply.');
          if (!(await store.hasThread(manuscriptId, op.threadId))) return refused(op.requestId, 'That thread no longer exists.');
          const mentions = await members(manuscriptId, op.mentions);
          const messageId = await store.addMessage({ threadId: op.threadId, authorId: userId, body: op.body, mentions });
          await tell({ kind: 'replied', manuscriptId, threadId: op.threadId, messageId, actorId: userId, mentions });
          return messageChanged(op.requestId, op.threadId, messageId);
        }
        case 'edit':
        case 'delete-message': {
          const found = await store.getMessage(manuscriptId, op.messageId);
          if (!found || found.deleted) return refused(op.requestId, 'That message no longer exists.');
          const action = op.op === 'edit' ? 'edit-message' : 'delete-message';
          if (!allowed(identity, action, found.authorId === userId)) return refused(op.requestId, 'Only its author can change a message.');
          if (op.op === 'edit') {
            const mentions = await members(manuscriptId, op.mentions);
            await store.editMessage(op.messageId, op.body, mentions);
            // Only people newly mentioned by the edit hear about it.
            const before = new Set(found.mentions);
            await tell({ kind: 'edited', manuscriptId, threadId: found.threadId, messageId: op.messageId, actorId: userId, mentions: mentions.filter((id) => !before.has(id)) });
          } else await store.deleteMessage(op.messageId);
          return messageChanged(op.requestId, found.threadId, op.messageId);
        }
        case 'resolve': {
          if (!allowed(identity, 'resolve')) return refused(op.requestId, 'Only editors and the owner can resolve a thread.');
          if (!(await store.hasThread(manuscriptId, op.threadId))) return refused(op.requestId, 'That thread no longer exists.');
          const resolvedAt = await store.setThreadResolved(manuscriptId, op.threadId, op.resolved ? userId : null);
          await tell({ kind: op.resolved ? 'resolved' : 'reopened', manuscriptId, threadId: op.threadId, actorId: userId });
          return done(op.requestId, { kind: 'resolved', threadId: op.threadId, resolvedAt, resolvedByName: op.resolved ? identity.user.name : null });
        }
        case 'delete-thread': {
          if (!allowed(identity, 'delete-thread')) return refused(op.requestId, 'Only the owner can delete a whole thread.');
          if (!(await store.hasThread(manuscriptId, op.threadId))) return refused(op.requestId, 'That thread no longer exists.');
          await store.deleteThread(op.threadId);
          return done(op.requestId, { kind: 'deleted', threadId: op.threadId });
        }
        case 'import': {
          if (!allowed(identity, 'import')) return refused(op.requestId, 'Only editors and the owner can import an editor’s comments.');
          const memberIds = await store.memberIds(manuscriptId);
          const now = Date.now();
          // Someone no longer a member keeps their words, under the name the file gave.
          const messagesOf = (messages: typeof op.threads[number]['messages']) =>
            messages.map((message) => {
              const member = message.author.userId && memberIds.has(message.author.userId) ? message.author.userId : null;
              return { authorId: member, guestName: member ? null : message.author.name, body: message.body, createdAt: Math.min(message.createdAt, now) };
            });
          const threadIds = op.threads.length
            ? await store.importThreads(
                manuscriptId,
                op.threads.map((thread) => ({ sceneId: thread.sceneId, anchor: thread.anchor, quote: thread.quote, context: thread.context, resolvedAt: thread.resolved ? now : null, messages: messagesOf(thread.messages) })),
              )
            : [];
          // Replies go only under this manuscript's threads (the store checks); each thread travels whole, and clients replace it by id.
          const repliedIds = op.replies.length ? await store.importReplies(manuscriptId, op.replies.map((reply) => ({ threadId: reply.threadId, messages: messagesOf(reply.messages) }))) : [];
          const changed = [...threadIds, ...repliedIds];
          return done(op.requestId, changed.length ? { kind: 'threads', threads: await store.listThreads(manuscriptId, changed) } : undefined);
        }
        case 'reanchor': {
          if (!allowed(identity, 'reanchor')) return refused(op.requestId, 'Only commenters, editors and the owner can move a comment.');
          if (!(await store.hasThread(manuscriptId, op.threadId))) return refused(op.requestId, 'That thread no longer exists.');
          // A co-author who re-anchored it first wins; everyone then uses their anchor.
          if (!(await store.reanchorThread(op.threadId, op.previous, { anchor: op.anchor, quote: op.quote, context: op.context }))) return done(op.requestId);
          return done(op.requestId, { kind: 'anchor', threadId: op.threadId, anchor: op.anchor, quote: op.quote, context: op.context });
        }
      }
    },
  };
}
