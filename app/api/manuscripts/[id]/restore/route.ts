import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { restoreManuscriptAs } from '@/lib/access/operations';
import { manuscriptId } from '@/lib/validation/inputs';

// POST /api/manuscripts/[id]/restore – bring a manuscript back from the trash (owner)
export const POST = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(z.object({ id: manuscriptId }), params);
  await restoreManuscriptAs(await getStorage(), user, id);
});
