import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { restoreManuscriptAs } from '@/lib/access/operations';
import { manuscriptId } from '@/lib/validation/inputs';

// POST /api/manuscripts/[id]/restore – bring a manuscript back from the trash (owner)
export const POST = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(z.object({ id: manuscriptId }), params);
  restoreManuscriptAs(getDb(), user, id);
});
