import { parseBody, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';

import { processInboxSignal } from '@/lib/notifications/signal';
import { readEnv } from '@/lib/config/env';
import { markReadInput } from '@/lib/validation/inputs';

// POST /api/notifications/read – mark { ids } read, or all of them when no ids are given
export const POST = withUser(async ({ request, user }) => {
  const { ids } = await parseBody(markReadInput, request);
  await (await getStorage()).notifications.markRead(user.id, ids);
  // The writer's other tabs (on any web instance) update their bell.
  processInboxSignal(readEnv()).publish([user.id]);
  return { unread: await (await getStorage()).notifications.unreadCount(user.id) };
});
