import { z } from 'zod';
import { parseBody, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { getManuscriptSettingsAs, updateManuscriptSettingsAs } from '@/lib/access/operations';
import { manuscriptId, manuscriptSettingsInput } from '@/lib/validation/inputs';

const paramsSchema = z.object({ id: manuscriptId });

// GET /api/manuscripts/[id]/settings – title-page details, target and deadline (viewer and up)
export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  return (await getManuscriptSettingsAs(await getStorage(), user, id)).settings;
});

// PUT /api/manuscripts/[id]/settings – replace them (editor and up)
export const PUT = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  await updateManuscriptSettingsAs(await getStorage(), user, id, await parseBody(manuscriptSettingsInput, request));
});
