import { z } from 'zod';
import { parseBody, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { listDraftsAs, saveDraftAs } from '@/lib/access/operations';
import { draftInput, manuscriptId } from '@/lib/validation/inputs';

const paramsSchema = z.object({ id: manuscriptId });

// GET /api/manuscripts/[id]/drafts – named drafts and automatic checkpoints, newest first (viewer and up)
export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  return listDraftsAs(await getStorage(), user, id);
});

// POST /api/manuscripts/[id]/drafts – save the manuscript as a named draft { name } (editor and up)
export const POST = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(paramsSchema, params);
  const draftId = await saveDraftAs(await getStorage(), user, id, await parseBody(draftInput, request));
  return Response.json({ id: draftId }, { status: 201 });
});
