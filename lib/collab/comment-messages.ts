import * as decoding from 'lib0/decoding';
import { z } from 'zod';
import { MessageType } from './message-types';
import { stringFrame } from './protocol';

// The comment messages on the wire (types 104 and 105): what a client may ask, and what the room tells.

const id = z.string().regex(/^[a-z0-9]{8,64}$/);
const requestId = z.string().min(1).max(64);
const body = z.string().trim().min(1, 'Write something first.').max(5000, 'Keep a comment under 5,000 characters.');
const mentions = z.array(id).max(20).default([]);
const anchorPart = z.string().regex(/^[A-Za-z0-9+/=]{2,400}$/);
const anchor = z.object({ start: anchorPart, end: anchorPart });
const quote = z.string().max(2000);
const context = z.object({ prefix: z.string().max(64), suffix: z.string().max(64) });

const time = z.number().int().nonnegative();
/** Threads one `import` operation may carry; a larger review is sent in several. */
export const MAX_IMPORTED_THREADS_PER_OP = 100;
/** A message brought in from a Word file: a member's (by id, if still a member) or a guest's, by the name the file gave. */
const importedMessage = z.object({
  author: z.object({ userId: id.optional(), name: z.string().trim().min(1).max(100) }),
  body: z.string().trim().min(1).max(5000),
  createdAt: time,
});
const importedThread = z.object({ sceneId: z.string().regex(/^[a-z0-9]{4,64}$/), anchor, quote, context, resolved: z.boolean(), messages: z.array(importedMessage).min(1).max(500) });
export type ImportedThreadOp = z.infer<typeof importedThread>;
/** An editor's replies, written in Word, under a thread this manuscript already has. */
const importedReplies = z.object({ threadId: id, messages: z.array(importedMessage).min(1).max(500) });
export type ImportedRepliesOp = z.infer<typeof importedReplies>;

/** Every comment operation a client may send (message type 104), validated before anything else. */
export const commentOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), requestId, sceneId: z.string().regex(/^[a-z0-9]{4,64}$/), anchor, quote, context: context.optional(), body, mentions }),
  z.object({ op: z.literal('reply'), requestId, threadId: id, body, mentions }),
  z.object({ op: z.literal('edit'), requestId, messageId: id, body, mentions }),
  z.object({ op: z.literal('delete-message'), requestId, messageId: id }),
  z.object({ op: z.literal('resolve'), requestId, threadId: id, resolved: z.boolean() }),
  z.object({ op: z.literal('delete-thread'), requestId, threadId: id }),
  // The passage was found again where its anchor no longer led; stored only if the anchor is still `previous`.
  z.object({ op: z.literal('reanchor'), requestId, threadId: id, previous: anchor, anchor, quote: quote.min(1), context }),
  // An editor's review imported from a Word file: whole threads, with their authors' names and dates (editors and the owner).
  z.object({
    op: z.literal('import'),
    requestId,
    threads: z.array(importedThread).max(MAX_IMPORTED_THREADS_PER_OP).default([]),
    replies: z.array(importedReplies).max(MAX_IMPORTED_THREADS_PER_OP).default([]),
  }),
]);
export type CommentOp = z.infer<typeof commentOpSchema>;
export type CommentOpInput = z.input<typeof commentOpSchema>;

export const commentMessageViewSchema = z.object({
  id,
  authorId: id.nullable(),
  authorName: z.string().max(200),
  authorColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  body: z.string().max(5000),
  mentions: z.array(id).max(20),
  createdAt: time,
  editedAt: time.nullable(),
  deleted: z.boolean(),
  /** Written by someone who is not a member (imported from a Word file): `authorName` is the name the file gave. */
  guest: z.boolean().optional(),
});
export type CommentMessageView = z.infer<typeof commentMessageViewSchema>;

export const commentThreadViewSchema = z.object({
  id,
  sceneId: z.string().regex(/^[a-z0-9]{4,64}$/),
  anchor,
  quote,
  context,
  createdBy: id.nullable(),
  createdAt: time,
  resolvedAt: time.nullable(),
  resolvedByName: z.string().max(200).nullable(),
  messages: z.array(commentMessageViewSchema),
});
export type CommentThreadView = z.infer<typeof commentThreadViewSchema>;

/**
 * What the server tells clients (message type 105): each event carries only what changed, so a
 * reply is one message, never the whole thread.
 */
export const commentEventSchema = z.discriminatedUnion('kind', [
  /** The whole list on joining (`replace`), or a thread just created. */
  z.object({ kind: z.literal('threads'), threads: z.array(commentThreadViewSchema), replace: z.boolean().optional() }),
  /** A message added, edited or deleted (deleted messages keep their place, without their words). */
  z.object({ kind: z.literal('message'), threadId: id, message: commentMessageViewSchema }),
  z.object({ kind: z.literal('resolved'), threadId: id, resolvedAt: time.nullable(), resolvedByName: z.string().max(200).nullable() }),
  z.object({ kind: z.literal('anchor'), threadId: id, anchor, quote, context }),
  z.object({ kind: z.literal('deleted'), threadId: id }),
  z.object({ kind: z.literal('done'), requestId }),
  z.object({ kind: z.literal('refused'), requestId, message: z.string().max(500) }),
]);
export type CommentEvent = z.infer<typeof commentEventSchema>;

export const encodeCommentOp = (op: CommentOpInput) => stringFrame(MessageType.Comment, JSON.stringify(op));
export const encodeCommentEvent = (event: CommentEvent) => stringFrame(MessageType.CommentEvent, JSON.stringify(event));

/** One server comment event, decoded and validated; null for anything malformed (it is ignored). */
export function readCommentEvent(decoder: decoding.Decoder): CommentEvent | null {
  try {
    const parsed = commentEventSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
