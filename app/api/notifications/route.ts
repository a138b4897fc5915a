import { withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { listNotifications, unreadCount } from '@/lib/db';

// GET /api/notifications – your inbox: the newest items and how many are unread
export const GET = withUser(async ({ user }) => ({ unread: unreadCount(getDb(), user.id), items: listNotifications(getDb(), user.id) }));
