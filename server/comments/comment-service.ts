import { mayComment, type CommentAction } from '../../lib/comments/authorize';
import { commentOpSchema, type CommentEvent } from '../../lib/comments/protocol';
import {
  addMessage,
  createThread,
  deleteMessage,
  deleteThread,
  editMessage,
  getMessage,
  getThread,
  listThreads,
  rolesForManuscript,
  setThreadResolved,
  type CommentThreadView,
  type Db,
} from '../../lib/db';
import type { Identity } from '../auth/authenticate';

export interface CommentOutcome {
  /** For the connection that asked. */
  reply: CommentEvent;
  /** For everyone in the room, the asker included. */
  broadcast?: CommentEvent;
}

/** Comments as the collab server serves them: one place that validates, authorises, stores and reports. */
export interface CommentService {
  threads(manuscriptId: string): Promise<CommentThreadView[]>;
  handle(manuscriptId: string, identity: Identity, payload: unknown): Promise<CommentOutcome>;
}

export function createCommentService(db: Db): CommentService {
  const refused = (requestId: string, message: string): CommentOutcome => ({ reply: { kind: 'refused', requestId, message } });
  const changed = (manuscriptId: string, requestId: string, threadId: string): CommentOutcome => ({
    reply: { kind: 'done', requestId },
    broadcast: { kind: 'threads', threads: listThreads(db, manuscriptId, [threadId]) },
  });
  // Only members can be mentioned; anything else in the list is dropped.
  const members = (manuscriptId: string, ids: string[]) => {
    const roles = rolesForManuscript(db, manuscriptId);
    return ids.filter((id) => roles.has(id));
  };
  const allowed = (identity: Identity, action: CommentAction, isAuthor = false) => mayComment(identity.role, action, { isAuthor });

  return {
    async threads(manuscriptId) {
      return listThreads(db, manuscriptId);
    },
    async handle(manuscriptId, identity, payload) {
      const parsed = commentOpSchema.safeParse(payload);
      const requestId = typeof (payload as { requestId?: unknown })?.requestId === 'string' ? (payload as { requestId: string }).requestId.slice(0, 64) : '';
      if (!parsed.success) return refused(requestId, parsed.error.issues[0]?.message ?? 'That comment operation is not valid.');
      const op = parsed.data;
      const userId = identity.user.id;
      switch (op.op) {
        case 'create': {
          if (!allowed(identity, 'create')) return refused(op.requestId, 'Only commenters, editors and the owner can comment.');
          const threadId = createThread(db, { manuscriptId, sceneId: op.sceneId, anchor: op.anchor, quote: op.quote, authorId: userId, body: op.body, mentions: members(manuscriptId, op.mentions) });
          return changed(manuscriptId, op.requestId, threadId);
        }
        case 'reply': {
          if (!allowed(identity, 'reply')) return refused(op.requestId, 'Only commenters, editors and the owner can reply.');
          if (!getThread(db, manuscriptId, op.threadId)) return refused(op.requestId, 'That thread no longer exists.');
          addMessage(db, { threadId: op.threadId, authorId: userId, body: op.body, mentions: members(manuscriptId, op.mentions) });
          return changed(manuscriptId, op.requestId, op.threadId);
        }
        case 'edit':
        case 'delete-message': {
          const found = getMessage(db, manuscriptId, op.messageId);
          if (!found || found.message.deletedAt) return refused(op.requestId, 'That message no longer exists.');
          const action = op.op === 'edit' ? 'edit-message' : 'delete-message';
          if (!allowed(identity, action, found.message.authorId === userId)) return refused(op.requestId, 'Only its author can change a message.');
          if (op.op === 'edit') editMessage(db, op.messageId, op.body, members(manuscriptId, op.mentions));
          else deleteMessage(db, op.messageId);
          return changed(manuscriptId, op.requestId, found.threadId);
        }
        case 'resolve': {
          if (!allowed(identity, 'resolve')) return refused(op.requestId, 'Only editors and the owner can resolve a thread.');
          if (!getThread(db, manuscriptId, op.threadId)) return refused(op.requestId, 'That thread no longer exists.');
          setThreadResolved(db, op.threadId, op.resolved ? userId : null);
          return changed(manuscriptId, op.requestId, op.threadId);
        }
        case 'delete-thread': {
          if (!allowed(identity, 'delete-thread')) return refused(op.requestId, 'Only the owner can delete a whole thread.');
          if (!getThread(db, manuscriptId, op.threadId)) return refused(op.requestId, 'That thread no longer exists.');
          deleteThread(db, op.threadId);
          return { reply: { kind: 'done', requestId: op.requestId }, broadcast: { kind: 'deleted', threadId: op.threadId } };
        }
      }
    },
  };
}
