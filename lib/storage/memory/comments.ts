import { threadViewOf, type CommentStore } from '../comment-store';
import { importedMessageRow, importedThreadRow, messageView } from '../sqlite/comments';
import { newId } from '../secrets';
import { atomically, deleteRows, findRow, insertRow, nameOf, oldestFirst, selectRows, type MemoryTables, type Row } from './tables';
import { liveRoles } from './members';

const epochOrNull = (date: Date | null) => date?.getTime() ?? null;

/** Comment threads in memory: the same views as the SQL engines, built by the helpers comment-store.ts and sqlite/comments.ts share. */
export function createMemoryCommentStore(tables: MemoryTables): CommentStore {
  const threadOf = (manuscriptId: string, threadId: string) => findRow(tables, 'commentThreads', (row) => row.id === threadId && row.manuscriptId === manuscriptId);
  const messageById = (messageId: string) => findRow(tables, 'commentMessages', (row) => row.id === messageId);
  const viewOf = (message: Row<'commentMessages'>) => {
    const author = message.authorId === null ? undefined : findRow(tables, 'users', (row) => row.id === message.authorId);
    return messageView({ message, authorName: author?.name ?? null, authorColor: author?.color ?? null });
  };
  return {
    async listThreads(manuscriptId, threadIds) {
      const threads = selectRows(tables, 'commentThreads', (row) => row.manuscriptId === manuscriptId && (!threadIds || threadIds.includes(row.id)));
      const ordered = [...threads].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return ordered.map((thread) =>
        threadViewOf(
          { ...thread, createdAt: thread.createdAt.getTime(), resolvedAt: epochOrNull(thread.resolvedAt), resolvedByName: nameOf(tables, thread.resolvedBy) },
          oldestFirst(selectRows(tables, 'commentMessages', (row) => row.threadId === thread.id), (row) => row.createdAt).map(viewOf),
        ),
      );
    },
    createThread: async (input) =>
      atomically(tables, () => {
        const id = newId();
        const { manuscriptId, sceneId, anchor, quote, context, authorId, body, mentions } = input;
        insertRow(tables, 'commentThreads', { id, manuscriptId, sceneId, anchorStart: anchor.start, anchorEnd: anchor.end, quote, quotePrefix: context?.prefix ?? '', quoteSuffix: context?.suffix ?? '', createdBy: authorId });
        insertRow(tables, 'commentMessages', { id: newId(), threadId: id, authorId, body, mentions: JSON.stringify(mentions) });
        return id;
      }),
    importThreads: async (manuscriptId, threads) =>
      atomically(tables, () => {
        return threads.map((thread) => {
          const id = newId();
          insertRow(tables, 'commentThreads', importedThreadRow(id, manuscriptId, thread));
          for (const message of thread.messages) insertRow(tables, 'commentMessages', importedMessageRow(id, message));
          return id;
        });
      }),
    importReplies: async (manuscriptId, replies) =>
      atomically(tables, () => {
        const added: string[] = [];
        for (const { threadId, messages } of replies) {
          if (!threadOf(manuscriptId, threadId) || messages.length === 0) continue;
          added.push(threadId);
          for (const message of messages) insertRow(tables, 'commentMessages', importedMessageRow(threadId, message));
        }
        return added;
      }),
    hasThread: async (manuscriptId, threadId) => threadOf(manuscriptId, threadId) !== undefined,
    async addMessage({ threadId, authorId, body, mentions }) {
      const id = newId();
      insertRow(tables, 'commentMessages', { id, threadId, authorId, body, mentions: JSON.stringify(mentions) });
      return id;
    },
    async getMessage(manuscriptId, messageId) {
      const message = messageById(messageId);
      if (!message || !threadOf(manuscriptId, message.threadId)) return null;
      return { threadId: message.threadId, authorId: message.authorId, mentions: JSON.parse(message.mentions) as string[], deleted: message.deletedAt !== null };
    },
    async getMessageView(messageId) {
      const message = messageById(messageId);
      return message ? viewOf(message) : null;
    },
    async editMessage(messageId, body, mentions) {
      const message = messageById(messageId);
      if (message) Object.assign(message, { body, mentions: JSON.stringify(mentions), editedAt: new Date() });
    },
    async deleteMessage(messageId) {
      const message = messageById(messageId);
      if (message) Object.assign(message, { body: '', mentions: '[]', deletedAt: new Date() });
    },
    async setThreadResolved(manuscriptId, threadId, resolvedBy) {
      const thread = threadOf(manuscriptId, threadId);
      if (!thread) return null;
      Object.assign(thread, resolvedBy ? { resolvedAt: new Date(), resolvedBy } : { resolvedAt: null, resolvedBy: null });
      return epochOrNull(thread.resolvedAt);
    },
    async deleteThread(threadId) {
      deleteRows(tables, 'commentThreads', (row) => row.id === threadId);
    },
    async reanchorThread(threadId, previous, next) {
      const thread = findRow(tables, 'commentThreads', (row) => row.id === threadId && row.anchorStart === previous.start && row.anchorEnd === previous.end);
      if (!thread) return false;
      Object.assign(thread, { anchorStart: next.anchor.start, anchorEnd: next.anchor.end, quote: next.quote, quotePrefix: next.context.prefix, quoteSuffix: next.context.suffix });
      return true;
    },
    memberIds: async (manuscriptId) => new Set(liveRoles(tables, manuscriptId).keys()),
  };
}
