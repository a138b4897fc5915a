import { withUser } from '@/app/_server/api';
import { unreadHub } from './hub';

export const dynamic = 'force-dynamic';

// GET /api/notifications/stream – server-sent events: `unread` with the count whenever it changes
export const GET = withUser(async ({ request, user }) => {
  const encoder = new TextEncoder();
  let stopWatching = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = -1;
      const close = () => {
        stopWatching();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      // The count is read when the inbox signal names this writer, and on a slow timer: not per tab per second.
      stopWatching = unreadHub().watch(user.id, (update) => {
        if ('error' in update) return close();
        if (update.unread === last) return;
        last = update.unread;
        try {
          controller.enqueue(encoder.encode(`event: unread\ndata: ${JSON.stringify({ unread: update.unread })}\n\n`));
        } catch {
          stopWatching();
        }
      });
      request.signal.addEventListener('abort', close);
    },
    cancel() {
      stopWatching();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
});
