import { parseBody, withUser } from '@/app/_server/api';
import { collabEndpoint } from '@/app/_server/collab-url';
import { getStorage } from '@/app/_server/storage';
import { issueCollabTokenAs } from '@/lib/access/operations';
import { collabTokenInput } from '@/lib/validation/inputs';

// POST /api/collab-token – { manuscriptId } → what a client needs to join the manuscript's room (viewer and up)
export const POST = withUser(async ({ request, user }) => {
  const { manuscriptId } = await parseBody(collabTokenInput, request);
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  const grant = await issueCollabTokenAs(await getStorage(), user, manuscriptId, secret);
  return { ...grant, collab: collabEndpoint() };
});
