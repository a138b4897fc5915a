import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { revokeInvitationAs } from '@/lib/access/operations';
import { entityId, manuscriptId } from '@/lib/validation/inputs';

// DELETE /api/manuscripts/[id]/invitations/[invitationId] – revoke a pending invitation or link (owner)
export const DELETE = withUser<{ id: string; invitationId: string }>(async ({ user, params }) => {
  const { id, invitationId } = parseParams(z.object({ id: manuscriptId, invitationId: entityId }), params);
  revokeInvitationAs(getDb(), user, id, invitationId);
});
