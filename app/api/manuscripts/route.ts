import { withUser, parseBody } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { createManuscriptAs } from '@/lib/access/operations';

import { createManuscriptInput } from '@/lib/validation/inputs';

// GET /api/manuscripts – the user's manuscripts: { mine, shared }
export const GET = withUser(async ({ user }) => await (await getStorage()).manuscripts.listForUser(user.id));

// POST /api/manuscripts – create a manuscript { title }
export const POST = withUser(async ({ request, user }) => {
  const input = await parseBody(createManuscriptInput, request);
  const manuscript = await createManuscriptAs(await getStorage(), user, input);
  return Response.json({ id: manuscript.id, title: manuscript.title }, { status: 201 });
});
