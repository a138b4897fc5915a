// Comments as the browser and the collab server share them. The messages themselves are wire protocol
// and live in lib/collab/comment-messages.ts; they are re-exported here for the comment code that uses them.
import type { CommentEvent, CommentThreadView } from '../collab/comment-messages';

export {
  commentEventSchema,
  commentMessageViewSchema,
  commentOpSchema,
  commentThreadViewSchema,
  encodeCommentEvent,
  encodeCommentOp,
  MAX_IMPORTED_THREADS_PER_OP,
  readCommentEvent,
  type CommentEvent,
  type CommentMessageView,
  type CommentOp,
  type CommentOpInput,
  type CommentThreadView,
  type ImportedRepliesOp,
  type ImportedThreadOp,
} from '../collab/comment-messages';

/** Applies one event to a client's list of threads (oldest first). */
export function applyCommentEvent(threads: CommentThreadView[], event: CommentEvent): CommentThreadView[] {
  const update = (threadId: string, change: (thread: CommentThreadView) => CommentThreadView) => threads.map((thread) => (thread.id === threadId ? change(thread) : thread));
  switch (event.kind) {
    case 'threads': {
      if (event.replace) return event.threads;
      const byId = new Map(threads.map((thread) => [thread.id, thread]));
      for (const thread of event.threads) byId.set(thread.id, thread);
      return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
    }
    case 'message':
      return update(event.threadId, (thread) => {
        const at = thread.messages.findIndex((message) => message.id === event.message.id);
        const messages = at < 0 ? [...thread.messages, event.message] : thread.messages.map((message, i) => (i === at ? event.message : message));
        return { ...thread, messages };
      });
    case 'resolved':
      return update(event.threadId, (thread) => ({ ...thread, resolvedAt: event.resolvedAt, resolvedByName: event.resolvedByName }));
    case 'anchor':
      return update(event.threadId, (thread) => ({ ...thread, anchor: event.anchor, quote: event.quote, context: event.context }));
    case 'deleted':
      return threads.filter((thread) => thread.id !== event.threadId);
    default:
      return threads;
  }
}
