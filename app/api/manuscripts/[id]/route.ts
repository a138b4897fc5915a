import { z } from 'zod';
import { parseBody, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { getManuscriptAs, renameManuscriptAs, trashManuscriptAs } from '@/lib/access/operations';
import { manuscriptId, renameManuscriptInput } from '@/lib/validation/inputs';

const paramsSchema = z.object({ id: manuscriptId });

// GET /api/manuscripts/[id] – one manuscript and the caller's role (viewer and up)
export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  const { manuscript, role } = await getManuscriptAs(await getStorage(), user, id);
  return { id: manuscript.id, title: manuscript.title, role, updatedAt: manuscript.updatedAt, wordCount: manuscript.wordCount };
});

// PATCH /api/manuscripts/[id] – rename { title } (editor and up)
export const PATCH = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  await renameManuscriptAs(await getStorage(), user, id, await parseBody(renameManuscriptInput, request));
});

// DELETE /api/manuscripts/[id] – move to the trash (owner)
export const DELETE = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  await trashManuscriptAs(await getStorage(), user, id);
});
