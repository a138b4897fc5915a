import { withUser, parseBody } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { createManuscriptAs } from '@/lib/access/operations';
import { listManuscriptsForUser } from '@/lib/db';
import { createManuscriptInput } from '@/lib/validation/inputs';

// GET /api/manuscripts – the user's manuscripts: { mine, shared }
export const GET = withUser(async ({ user }) => listManuscriptsForUser(getDb(), user.id));

// POST /api/manuscripts – create a manuscript { title }
export const POST = withUser(async ({ request, user }) => {
  const input = await parseBody(createManuscriptInput, request);
  const manuscript = createManuscriptAs(getDb(), user, input);
  return Response.json({ id: manuscript.id, title: manuscript.title }, { status: 201 });
});
