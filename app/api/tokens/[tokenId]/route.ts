import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { NotFoundError } from '@/lib/access/errors';

import { entityId } from '@/lib/validation/inputs';

// DELETE /api/tokens/[tokenId] – revoke one of your own tokens
export const DELETE = withUser<{ tokenId: string }>(async ({ user, params }) => {
  const { tokenId } = parseParams(z.object({ tokenId: entityId }), params);
  if (!await (await getStorage()).users.revokeApiToken(user.id, tokenId)) throw new NotFoundError('token');
});
