import { withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';

export const dynamic = 'force-dynamic';

/** How often the stream looks for new items; the collab process writes them to the same database. */
const CHECK_MS = 1000;

// GET /api/notifications/stream – server-sent events: `unread` with the count whenever it changes
export const GET = withUser(async ({ request, user }) => {
  const notifications = (await getStorage()).notifications;
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = -1;
      // One check at a time: a slow store never stacks queries up.
      let checking = false;
      const check = async () => {
        if (checking) return;
        checking = true;
        try {
          const count = await notifications.unreadCount(user.id);
          if (count !== last) controller.enqueue(encoder.encode(`event: unread\ndata: ${JSON.stringify({ unread: count })}\n\n`));
          last = count;
        } catch {
          clearInterval(timer);
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        } finally {
          checking = false;
        }
      };
      void check();
      timer = setInterval(() => void check(), CHECK_MS);
      request.signal.addEventListener('abort', () => {
        clearInterval(timer);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
});
