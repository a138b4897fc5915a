import { parseBody, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { createApiToken, listApiTokens } from '@/lib/db';
import { apiTokenInput } from '@/lib/validation/inputs';

// GET /api/tokens – the user's personal API tokens (never their secrets)
export const GET = withUser(async ({ user }) => listApiTokens(getDb(), user.id));

// POST /api/tokens – create a token { name }; its secret is returned once
export const POST = withUser(async ({ request, user }) => {
  const { name } = await parseBody(apiTokenInput, request);
  return Response.json(createApiToken(getDb(), user.id, name), { status: 201 });
});
