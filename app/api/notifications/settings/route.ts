import { parseBody, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { getNotificationSettings, setNotificationSettings } from '@/lib/db';
import { notificationSettingsInput } from '@/lib/validation/inputs';

// GET /api/notifications/settings – which kinds you hear about, and email (off, immediate, daily)
export const GET = withUser(async ({ user }) => ({ ...getNotificationSettings(getDb(), user.id), emailAvailable: Boolean(process.env.SMTP_URL) }));

// PUT /api/notifications/settings – { kinds, email }
export const PUT = withUser(async ({ request, user }) => {
  const settings = await parseBody(notificationSettingsInput, request);
  setNotificationSettings(getDb(), user.id, settings);
  return getNotificationSettings(getDb(), user.id);
});
