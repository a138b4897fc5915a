import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { NotFoundError } from '@/lib/access/errors';
import { revokeApiToken } from '@/lib/db';
import { entityId } from '@/lib/validation/inputs';

// DELETE /api/tokens/[tokenId] – revoke one of your own tokens
export const DELETE = withUser<{ tokenId: string }>(async ({ user, params }) => {
  const { tokenId } = parseParams(z.object({ tokenId: entityId }), params);
  if (!revokeApiToken(getDb(), user.id, tokenId)) throw new NotFoundError('token');
});
