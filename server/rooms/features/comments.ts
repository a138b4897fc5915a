import { encodeCommentEvent } from '../../../lib/collab/comment-messages';
import type { CommentService } from '../../comments/comment-service';
import type { RoomContext, RoomFeature } from '../feature';

/** A request id as the comment service reads it from an operation, for answering one it could not handle. */
const requestIdOf = (payload: unknown): string | null => {
  const requestId = (payload as { requestId?: unknown } | null)?.requestId;
  return typeof requestId === 'string' ? requestId.slice(0, 64) : null;
};

/**
 * Comment threads over the room's socket: the whole list on joining; each operation authorised,
 * stored and answered by the comment service, and what changed told to everyone, on every instance.
 */
export function comments(room: RoomContext, service: CommentService): RoomFeature {
  return {
    onJoin(member) {
      void room.enqueue(async () => {
        const threads = await service.threads(room.manuscriptId);
        room.send(member, encodeCommentEvent({ kind: 'threads', threads, replace: true }));
      });
    },
    messages: {
      comment: (member, { payload }) =>
        room.enqueueFor(member, async () => {
          let outcome: Awaited<ReturnType<CommentService['handle']>>;
          try {
            outcome = await service.handle(room.manuscriptId, member.identity, payload);
          } catch (error) {
            // The store failed, not the writer: they are told it did not happen, and may try again.
            room.log(`a comment operation failed: ${(error as Error).message}`, { userId: member.identity.user.id, level: 'error' });
            const requestId = requestIdOf(payload);
            if (requestId !== null) room.send(member, encodeCommentEvent({ kind: 'refused', requestId, message: 'The comment could not be saved because of a problem on the server. Try again in a moment.' }));
            return;
          }
          room.send(member, encodeCommentEvent(outcome.reply));
          if (outcome.broadcast) {
            const frame = encodeCommentEvent(outcome.broadcast);
            room.broadcast(frame);
            room.fanOut({ kind: 'broadcast', frame });
          }
        }),
    },
  };
}
