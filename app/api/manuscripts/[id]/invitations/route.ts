import { z } from 'zod';
import { parseBody, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { createInviteLinkAs } from '@/lib/access/operations';
import { inviteLinkInput, manuscriptId } from '@/lib/validation/inputs';

// POST /api/manuscripts/[id]/invitations – create an invitation link { role } (owner); the secret is shown once
export const POST = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(z.object({ id: manuscriptId }), params);
  const link = await createInviteLinkAs(await getStorage(), user, id, await parseBody(inviteLinkInput, request));
  return Response.json({ id: link.id, path: `/invite/${link.secret}` }, { status: 201 });
});
