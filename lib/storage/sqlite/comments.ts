import { and, asc, eq, inArray } from 'drizzle-orm';
import type { CommentMessageView, CommentThreadView } from '../../comments/protocol';
import { messageViewOf, threadViewOf } from '../comment-store';
import type { ImportedRepliesRecord, ImportedThreadRecord } from '../records';
import type { Db } from './connection';
import { newId } from '../secrets';
import { commentMessages, commentThreads, users } from './schema';

export function createThread(
  db: Db,
  input: { manuscriptId: string; sceneId: string; anchor: { start: string; end: string }; quote: string; context?: { prefix: string; suffix: string }; authorId: string; body: string; mentions: string[] },
): string {
  const id = newId();
  db.transaction((tx) => {
    tx.insert(commentThreads)
      .values({ id, manuscriptId: input.manuscriptId, sceneId: input.sceneId, anchorStart: input.anchor.start, anchorEnd: input.anchor.end, quote: input.quote, quotePrefix: input.context?.prefix ?? '', quoteSuffix: input.context?.suffix ?? '', createdBy: input.authorId })
      .run();
    tx.insert(commentMessages).values({ id: newId(), threadId: id, authorId: input.authorId, body: input.body, mentions: JSON.stringify(input.mentions) }).run();
  }, { behavior: 'immediate' });
  return id;
}

/** An imported thread's row: it began when its first message was written, by that message's author. */
export function importedThreadRow(id: string, manuscriptId: string, thread: ImportedThreadRecord): typeof commentThreads.$inferInsert {
  const first = thread.messages[0];
  return {
    id,
    manuscriptId,
    sceneId: thread.sceneId,
    anchorStart: thread.anchor.start,
    anchorEnd: thread.anchor.end,
    quote: thread.quote,
    quotePrefix: thread.context.prefix,
    quoteSuffix: thread.context.suffix,
    createdBy: first?.authorId ?? null,
    createdAt: new Date(first?.createdAt ?? Date.now()),
    resolvedAt: thread.resolvedAt === null ? null : new Date(thread.resolvedAt),
  };
}

/** An imported message's row: a member's, or a guest's by name, with the date it was written. */
export function importedMessageRow(threadId: string, message: ImportedThreadRecord['messages'][number]): typeof commentMessages.$inferInsert {
  return { id: newId(), threadId, authorId: message.authorId, guestName: message.authorId ? null : message.guestName, body: message.body, mentions: '[]', createdAt: new Date(message.createdAt) };
}

/** Stores imported threads in one transaction; returns their ids in order. */
export function importThreads(db: Db, manuscriptId: string, threads: ImportedThreadRecord[]): string[] {
  const ids: string[] = [];
  db.transaction((tx) => {
    for (const thread of threads) {
      const id = newId();
      ids.push(id);
      tx.insert(commentThreads).values(importedThreadRow(id, manuscriptId, thread)).run();
      for (const message of thread.messages) tx.insert(commentMessages).values(importedMessageRow(id, message)).run();
    }
  }, { behavior: 'immediate' });
  return ids;
}

/** Adds imported replies to threads of this manuscript, in one transaction; a thread of another manuscript (or none) gets nothing. Returns the threads added to. */
export function importReplies(db: Db, manuscriptId: string, replies: ImportedRepliesRecord[]): string[] {
  const added: string[] = [];
  db.transaction((tx) => {
    for (const { threadId, messages } of replies) {
      const thread = tx.select({ id: commentThreads.id }).from(commentThreads).where(and(eq(commentThreads.id, threadId), eq(commentThreads.manuscriptId, manuscriptId))).get();
      if (!thread || messages.length === 0) continue;
      added.push(threadId);
      for (const message of messages) tx.insert(commentMessages).values(importedMessageRow(threadId, message)).run();
    }
  }, { behavior: 'immediate' });
  return added;
}

export function addMessage(db: Db, input: { threadId: string; authorId: string; body: string; mentions: string[] }): string {
  const id = newId();
  db.insert(commentMessages).values({ id, threadId: input.threadId, authorId: input.authorId, body: input.body, mentions: JSON.stringify(input.mentions) }).run();
  return id;
}

/** A thread of this manuscript (never another's, whatever the id). */
export function getThread(db: Db, manuscriptId: string, threadId: string) {
  return db.select().from(commentThreads).where(and(eq(commentThreads.id, threadId), eq(commentThreads.manuscriptId, manuscriptId))).get();
}

/** A message and its thread, when the thread belongs to this manuscript. */
export function getMessage(db: Db, manuscriptId: string, messageId: string) {
  return db
    .select({ message: commentMessages, threadId: commentThreads.id })
    .from(commentMessages)
    .innerJoin(commentThreads, eq(commentThreads.id, commentMessages.threadId))
    .where(and(eq(commentMessages.id, messageId), eq(commentThreads.manuscriptId, manuscriptId)))
    .get();
}

export function editMessage(db: Db, messageId: string, body: string, mentions: string[]): void {
  db.update(commentMessages).set({ body, mentions: JSON.stringify(mentions), editedAt: new Date() }).where(eq(commentMessages.id, messageId)).run();
}

/** Keeps the message's place in the conversation but not its words. */
export function deleteMessage(db: Db, messageId: string): void {
  db.update(commentMessages).set({ body: '', mentions: '[]', deletedAt: new Date() }).where(eq(commentMessages.id, messageId)).run();
}

export function setThreadResolved(db: Db, threadId: string, resolvedBy: string | null): void {
  db.update(commentThreads)
    .set(resolvedBy ? { resolvedAt: new Date(), resolvedBy } : { resolvedAt: null, resolvedBy: null })
    .where(eq(commentThreads.id, threadId))
    .run();
}

/** Stores a thread's new anchor only if it still has `previous` (the first co-author to re-anchor it wins); true if stored. */
export function reanchorThread(
  db: Db,
  threadId: string,
  previous: { start: string; end: string },
  next: { anchor: { start: string; end: string }; quote: string; context: { prefix: string; suffix: string } },
): boolean {
  const result = db
    .update(commentThreads)
    .set({ anchorStart: next.anchor.start, anchorEnd: next.anchor.end, quote: next.quote, quotePrefix: next.context.prefix, quoteSuffix: next.context.suffix })
    .where(and(eq(commentThreads.id, threadId), eq(commentThreads.anchorStart, previous.start), eq(commentThreads.anchorEnd, previous.end)))
    .run();
  return result.changes === 1;
}

/** One message as clients see it. */
export function getMessageView(db: Db, messageId: string): CommentMessageView | null {
  const row = db
    .select({ message: commentMessages, authorName: users.name, authorColor: users.color })
    .from(commentMessages)
    .leftJoin(users, eq(users.id, commentMessages.authorId))
    .where(eq(commentMessages.id, messageId))
    .get();
  return row ? messageView(row) : null;
}

const epochOrNull = (date: Date | null) => date?.getTime() ?? null;

/** A stored message with its author's name and colour (null once they are gone) as clients see it. */
export function messageView({ message, authorName, authorColor }: { message: typeof commentMessages.$inferSelect; authorName: string | null; authorColor: string | null }): CommentMessageView {
  return messageViewOf({ ...message, createdAt: message.createdAt.getTime(), editedAt: epochOrNull(message.editedAt), deletedAt: epochOrNull(message.deletedAt), authorName, authorColor });
}

export function deleteThread(db: Db, threadId: string): void {
  db.delete(commentThreads).where(eq(commentThreads.id, threadId)).run();
}

/** Every thread of a manuscript (or just `threadIds`), oldest first, with its messages and authors. */
export function listThreads(db: Db, manuscriptId: string, threadIds?: string[]): CommentThreadView[] {
  const threads = db
    .select({ thread: commentThreads, resolvedByName: users.name })
    .from(commentThreads)
    .leftJoin(users, eq(users.id, commentThreads.resolvedBy))
    .where(threadIds ? and(eq(commentThreads.manuscriptId, manuscriptId), inArray(commentThreads.id, threadIds)) : eq(commentThreads.manuscriptId, manuscriptId))
    .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id))
    .all();
  if (threads.length === 0) return [];
  const messages = db
    .select({ message: commentMessages, authorName: users.name, authorColor: users.color })
    .from(commentMessages)
    .leftJoin(users, eq(users.id, commentMessages.authorId))
    .where(inArray(commentMessages.threadId, threads.map((row) => row.thread.id)))
    .orderBy(asc(commentMessages.createdAt))
    .all();
  return threads.map(({ thread, resolvedByName }) =>
    threadViewOf(
      { ...thread, createdAt: thread.createdAt.getTime(), resolvedAt: epochOrNull(thread.resolvedAt), resolvedByName },
      messages.filter((row) => row.message.threadId === thread.id).map(messageView),
    ),
  );
}
