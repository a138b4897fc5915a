import type { CommentStore } from '../comment-store';
import {
  addMessage,
  createThread,
  deleteMessage,
  deleteThread,
  editMessage,
  getMessage,
  getMessageView,
  getThread,
  importReplies,
  importThreads,
  listThreads,
  reanchorThread,
  setThreadResolved,
} from './comments';
import type { Db } from './connection';
import { rolesFor } from './members';

/** Comment threads on SQLite: the synchronous queries in ./comments behind the async interface. */
export function createSqliteCommentStore(db: Db): CommentStore {
  return {
    listThreads: async (manuscriptId, threadIds) => listThreads(db, manuscriptId, threadIds),
    createThread: async (input) => createThread(db, input),
    importThreads: async (manuscriptId, threads) => importThreads(db, manuscriptId, threads),
    importReplies: async (manuscriptId, replies) => importReplies(db, manuscriptId, replies),
    hasThread: async (manuscriptId, threadId) => getThread(db, manuscriptId, threadId) !== undefined,
    addMessage: async (input) => addMessage(db, input),
    async getMessage(manuscriptId, messageId) {
      const found = getMessage(db, manuscriptId, messageId);
      if (!found) return null;
      return { threadId: found.threadId, authorId: found.message.authorId, mentions: JSON.parse(found.message.mentions) as string[], deleted: found.message.deletedAt !== null };
    },
    getMessageView: async (messageId) => getMessageView(db, messageId),
    editMessage: async (messageId, body, mentions) => editMessage(db, messageId, body, mentions),
    deleteMessage: async (messageId) => deleteMessage(db, messageId),
    async setThreadResolved(manuscriptId, threadId, resolvedBy) {
      if (!getThread(db, manuscriptId, threadId)) return null;
      setThreadResolved(db, threadId, resolvedBy);
      return getThread(db, manuscriptId, threadId)?.resolvedAt?.getTime() ?? null;
    },
    deleteThread: async (threadId) => deleteThread(db, threadId),
    reanchorThread: async (threadId, previous, next) => reanchorThread(db, threadId, previous, next),
    memberIds: async (manuscriptId) => new Set(rolesFor(db, [manuscriptId]).get(manuscriptId)!.keys()),
  };
}
