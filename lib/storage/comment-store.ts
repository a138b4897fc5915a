import type { CommentMessageView, CommentThreadView } from '../comments/protocol';
import { GUEST_COLOR, type ImportedRepliesRecord, type ImportedThreadRecord } from './records';

export type { ImportedRepliesRecord, ImportedThreadRecord } from './records';

export interface Anchor {
  start: string;
  end: string;
}

export interface NewThread {
  manuscriptId: string;
  sceneId: string;
  anchor: Anchor;
  quote: string;
  context?: { prefix: string; suffix: string };
  authorId: string;
  body: string;
  mentions: string[];
}

/** A stored message as the comment service checks it (who wrote it, whom it mentioned, whether it is gone). */
export interface StoredMessage {
  threadId: string;
  authorId: string | null;
  mentions: string[];
  deleted: boolean;
}

/**
 * Comment threads as the collab server stores them: one async interface, one implementation per
 * engine (SQLite by default, PostgreSQL when several instances share a store), one contract suite.
 * Every lookup is scoped to its manuscript: an id from another manuscript finds nothing.
 */
export interface CommentStore {
  listThreads(manuscriptId: string, threadIds?: string[]): Promise<CommentThreadView[]>;
  createThread(input: NewThread): Promise<string>;
  /** Threads brought in from a Word file, in one transaction (dates and guest authors kept); their ids in order. */
  importThreads(manuscriptId: string, threads: ImportedThreadRecord[]): Promise<string[]>;
  /** An editor's replies (from a Word file) added under threads of this manuscript, in one transaction; the ids of the threads added to. */
  importReplies(manuscriptId: string, replies: ImportedRepliesRecord[]): Promise<string[]>;
  hasThread(manuscriptId: string, threadId: string): Promise<boolean>;
  addMessage(input: { threadId: string; authorId: string; body: string; mentions: string[] }): Promise<string>;
  getMessage(manuscriptId: string, messageId: string): Promise<StoredMessage | null>;
  getMessageView(messageId: string): Promise<CommentMessageView | null>;
  editMessage(messageId: string, body: string, mentions: string[]): Promise<void>;
  /** Keeps the message's place in the conversation but not its words. */
  deleteMessage(messageId: string): Promise<void>;
  /** Resolves (by `resolvedBy`) or reopens (null); returns when it was resolved, or null. */
  setThreadResolved(manuscriptId: string, threadId: string, resolvedBy: string | null): Promise<number | null>;
  deleteThread(threadId: string): Promise<void>;
  /** Stores a new anchor only if the thread still has `previous` (the first co-author to re-anchor wins); true if stored. */
  reanchorThread(threadId: string, previous: Anchor, next: { anchor: Anchor; quote: string; context: { prefix: string; suffix: string } }): Promise<boolean>;
  /** Who may be mentioned: the members of a manuscript that is not in the trash. */
  memberIds(manuscriptId: string): Promise<Set<string>>;
}

/** A stored message with its author's name and colour, as either engine reads it (times in epoch ms). */
export interface MessageRow {
  id: string;
  authorId: string | null;
  guestName: string | null;
  body: string;
  /** JSON array of user ids. */
  mentions: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  authorName: string | null;
  authorColor: string | null;
}

/** A message as clients see it: a guest (an imported author who is not a member) keeps their name, a departed member becomes "Former member". */
export function messageViewOf(row: MessageRow): CommentMessageView {
  const guest = row.authorId === null && row.guestName !== null;
  return {
    id: row.id,
    authorId: row.authorId,
    authorName: row.authorName ?? row.guestName ?? 'Former member',
    authorColor: row.authorColor ?? (guest ? GUEST_COLOR : '#888888'),
    ...(guest ? { guest: true } : {}),
    body: row.body,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deleted: row.deletedAt !== null,
  };
}

/** A stored thread with who resolved it, as either engine reads it (times in epoch ms). */
export interface ThreadRow {
  id: string;
  sceneId: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  quotePrefix: string;
  quoteSuffix: string;
  createdBy: string | null;
  createdAt: number;
  resolvedAt: number | null;
  resolvedByName: string | null;
}

export function threadViewOf(thread: ThreadRow, messages: CommentMessageView[]): CommentThreadView {
  return {
    id: thread.id,
    sceneId: thread.sceneId,
    anchor: { start: thread.anchorStart, end: thread.anchorEnd },
    quote: thread.quote,
    context: { prefix: thread.quotePrefix, suffix: thread.quoteSuffix },
    createdBy: thread.createdBy,
    createdAt: thread.createdAt,
    resolvedAt: thread.resolvedAt,
    resolvedByName: thread.resolvedByName,
    messages,
  };
}
