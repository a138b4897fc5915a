import { z } from 'zod';
import { parseBody, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { changeRoleAs, removeMemberAs } from '@/lib/access/operations';
import { changeRoleInput, entityId, manuscriptId } from '@/lib/validation/inputs';

const paramsSchema = z.object({ id: manuscriptId, userId: entityId });

// PATCH /api/manuscripts/[id]/members/[userId] – change a member's role { role } (owner)
export const PATCH = withUser<{ id: string; userId: string }>(async ({ request, user, params }) => {
  const { id, userId } = parseParams(paramsSchema, params);
  await changeRoleAs(await getStorage(), user, id, userId, await parseBody(changeRoleInput, request));
});

// DELETE /api/manuscripts/[id]/members/[userId] – remove a member (owner), or leave (yourself)
export const DELETE = withUser<{ id: string; userId: string }>(async ({ user, params }) => {
  const { id, userId } = parseParams(paramsSchema, params);
  await removeMemberAs(await getStorage(), user, id, userId);
});
