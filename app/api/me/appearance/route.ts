import { parseBody, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { appearanceFromStored, appearanceInput, parseAppearance } from '@/lib/appearance/appearance';
import { getAppearance, setAppearance } from '@/lib/db';

// GET /api/me/appearance – how your writing room looks on every device (theme, text font and size, typewriter, focus)
export const GET = withUser(async ({ user }) => appearanceFromStored(getAppearance(getDb(), user.id)));

// PUT /api/me/appearance – { theme, font, size, typewriter, focus }; only your own
export const PUT = withUser(async ({ request, user }) => {
  setAppearance(getDb(), user.id, parseAppearance(await parseBody(appearanceInput, request)));
  return appearanceFromStored(getAppearance(getDb(), user.id));
});
