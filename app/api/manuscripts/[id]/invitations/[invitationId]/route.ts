import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { revokeInvitationAs } from '@/lib/access/operations';
import { entityId, manuscriptId } from '@/lib/validation/inputs';

// DELETE /api/manuscripts/[id]/invitations/[invitationId] – revoke a pending invitation or link (owner)
export const DELETE = withUser<{ id: string; invitationId: string }>(async ({ user, params }) => {
  const { id, invitationId } = parseParams(z.object({ id: manuscriptId, invitationId: entityId }), params);
  await revokeInvitationAs(await getStorage(), user, id, invitationId);
});
