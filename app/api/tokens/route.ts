import { parseBody, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';

import { apiTokenInput } from '@/lib/validation/inputs';

// GET /api/tokens – the user's personal API tokens (never their secrets)
export const GET = withUser(async ({ user }) => await (await getStorage()).users.listApiTokens(user.id));

// POST /api/tokens – create a token { name }; its secret is returned once
export const POST = withUser(async ({ request, user }) => {
  const { name } = await parseBody(apiTokenInput, request);
  return Response.json(await (await getStorage()).users.createApiToken(user.id, name), { status: 201 });
});
