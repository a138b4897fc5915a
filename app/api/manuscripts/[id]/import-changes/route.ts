import { z } from 'zod';
import { apiError, parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { importChangesAs } from '@/lib/access/import-changes';
import { collabUrlForJobs } from '@/lib/collab/live-room';
import { BodyTooLargeError, readBodyWithin } from '@/lib/http/bounded-body';
import { ImportError, MAX_IMPORT_BYTES } from '@/lib/import';
import { readEnv } from '@/lib/config/env';
import { manuscriptId } from '@/lib/validation/inputs';

/** The whole multipart body: the file plus its envelope. */
const MAX_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
const TOO_LARGE = 'That file is larger than 20 MB.';

// POST /api/manuscripts/[id]/import-changes – multipart `file` (.docx marked up in Word or LibreOffice) → its comments
// as threads and its tracked changes as suggestions, placed on the live text (editors and the owner) → { message, summary }
export const POST = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(z.object({ id: manuscriptId }), params);
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiError('too_large', TOO_LARGE);
    throw error;
  }
  const form = await new Response(body as BodyInit, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData().catch(() => null);
  const file = form?.get('file');
  if (!(file instanceof File)) return apiError('invalid_input', 'Send the marked-up file as a multipart form field named "file".');
  if (file.size > MAX_IMPORT_BYTES) return apiError('too_large', TOO_LARGE);
  const env = readEnv();
  if (!env.AUTH_SECRET) throw new Error('AUTH_SECRET is not set');
  try {
    return await importChangesAs(await getStorage(), user, id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { collabUrl: collabUrlForJobs(env), secret: env.AUTH_SECRET });
  } catch (error) {
    if (error instanceof ImportError) return apiError('invalid_input', error.message);
    throw error;
  }
});
