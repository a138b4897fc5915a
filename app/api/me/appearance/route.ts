import { parseBody, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { appearanceFromStored, appearanceInput, parseAppearance } from '@/lib/appearance/appearance';

// GET /api/me/appearance – how your writing room looks on every device (theme, text font and size, typewriter, focus)
export const GET = withUser(async ({ user }) => appearanceFromStored(await (await getStorage()).users.getAppearance(user.id)));

// PUT /api/me/appearance – { theme, font, size, typewriter, focus }; only your own
export const PUT = withUser(async ({ request, user }) => {
  await (await getStorage()).users.setAppearance(user.id, parseAppearance(await parseBody(appearanceInput, request)));
  return appearanceFromStored(await (await getStorage()).users.getAppearance(user.id));
});
