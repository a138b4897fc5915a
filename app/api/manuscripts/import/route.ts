import { apiError, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { importManuscriptAs } from '@/lib/access/operations';
import { BodyTooLargeError, readBodyWithin } from '@/lib/http/bounded-body';
import { ImportError, MAX_IMPORT_BYTES } from '@/lib/import';

/** The whole multipart body: the file plus its envelope (boundaries, part headers, a long file name). */
const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
const TOO_LARGE = 'That file is larger than 20 MB.';

// POST /api/manuscripts/import – multipart form with `file` (.docx, .md, .html, .txt) → a new manuscript you own
export const POST = withUser(async ({ request, user }) => {
  let body: Uint8Array;
  try {
    body = await readBodyWithin(request, MAX_IMPORT_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiError('too_large', TOO_LARGE);
    throw error;
  }
  const contentType = request.headers.get('content-type') ?? '';
  const form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData().catch(() => null);
  const file = form?.get('file');
  if (!(file instanceof File)) return apiError('invalid_input', 'Send the manuscript as a multipart form field named "file".');
  if (file.size > MAX_IMPORT_BYTES) return apiError('too_large', TOO_LARGE);
  try {
    const created = await importManuscriptAs(await getStorage(), user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json({ id: created.id, title: created.title }, { status: 201 });
  } catch (error) {
    if (error instanceof ImportError) return apiError('invalid_input', error.message);
    throw error;
  }
});
