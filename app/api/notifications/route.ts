import { withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';

// GET /api/notifications – your inbox: the newest items and how many are unread
export const GET = withUser(async ({ user }) => ({ unread: await (await getStorage()).notifications.unreadCount(user.id), items: await (await getStorage()).notifications.list(user.id) }));
