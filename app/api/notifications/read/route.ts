import { parseBody, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { markNotificationsRead, unreadCount } from '@/lib/db';
import { markReadInput } from '@/lib/validation/inputs';

// POST /api/notifications/read – mark { ids } read, or all of them when no ids are given
export const POST = withUser(async ({ request, user }) => {
  const { ids } = await parseBody(markReadInput, request);
  markNotificationsRead(getDb(), user.id, ids);
  return { unread: unreadCount(getDb(), user.id) };
});
