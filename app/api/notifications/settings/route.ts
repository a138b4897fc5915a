import { parseBody, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { notificationSettingsInput } from '@/lib/validation/inputs';

// GET /api/notifications/settings – which kinds you hear about, and email (off, immediate, daily)
export const GET = withUser(async ({ user }) => ({ ...(await (await getStorage()).notifications.getSettings(user.id)), emailAvailable: Boolean(process.env.SMTP_URL) }));

// PUT /api/notifications/settings – { kinds, email }
export const PUT = withUser(async ({ request, user }) => {
  const settings = await parseBody(notificationSettingsInput, request);
  const storage = await getStorage();
  await storage.notifications.setSettings(user.id, settings);
  return storage.notifications.getSettings(user.id);
});
