import * as decoding from 'lib0/decoding';
import { z } from 'zod';
import { MessageType } from '../collab/message-types';
import { stringFrame } from '../collab/protocol';
import type { CommentThreadView } from '../db/comments';

const id = z.string().regex(/^[a-z0-9]{8,64}$/);
const requestId = z.string().min(1).max(64);
const body = z.string().trim().min(1, 'Write something first.').max(5000, 'Keep a comment under 5,000 characters.');
const mentions = z.array(id).max(20).default([]);
const anchorPart = z.string().regex(/^[A-Za-z0-9+/=]{2,400}$/);

/** Every comment operation a client may send (message type 104), validated before anything else. */
export const commentOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), requestId, sceneId: z.string().regex(/^[a-z0-9]{4,64}$/), anchor: z.object({ start: anchorPart, end: anchorPart }), quote: z.string().max(2000), body, mentions }),
  z.object({ op: z.literal('reply'), requestId, threadId: id, body, mentions }),
  z.object({ op: z.literal('edit'), requestId, messageId: id, body, mentions }),
  z.object({ op: z.literal('delete-message'), requestId, messageId: id }),
  z.object({ op: z.literal('resolve'), requestId, threadId: id, resolved: z.boolean() }),
  z.object({ op: z.literal('delete-thread'), requestId, threadId: id }),
]);
export type CommentOp = z.infer<typeof commentOpSchema>;
export type CommentOpInput = z.input<typeof commentOpSchema>;

/** What the server tells clients (message type 105). */
export type CommentEvent =
  | { kind: 'threads'; threads: CommentThreadView[]; replace?: boolean }
  | { kind: 'deleted'; threadId: string }
  | { kind: 'done'; requestId: string }
  | { kind: 'refused'; requestId: string; message: string };

export const encodeCommentOp = (op: CommentOpInput) => stringFrame(MessageType.Comment, JSON.stringify(op));
export const encodeCommentEvent = (event: CommentEvent) => stringFrame(MessageType.CommentEvent, JSON.stringify(event));

export function readCommentEvent(decoder: decoding.Decoder): CommentEvent {
  return JSON.parse(decoding.readVarString(decoder)) as CommentEvent;
}
