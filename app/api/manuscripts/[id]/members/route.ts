import { z } from 'zod';
import { parseBody, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { listMembersAs, shareByEmailAs } from '@/lib/access/operations';
import { manuscriptId, shareInput } from '@/lib/validation/inputs';

const paramsSchema = z.object({ id: manuscriptId });

// GET /api/manuscripts/[id]/members – members, and pending invitations for the owner (viewer and up)
export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  return listMembersAs(await getStorage(), user, id);
});

// POST /api/manuscripts/[id]/members – share by email { email, role } (owner)
export const POST = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  const result = await shareByEmailAs(await getStorage(), user, id, await parseBody(shareInput, request));
  return Response.json(result, { status: 201 });
});
