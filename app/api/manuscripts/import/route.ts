import { apiError, withUser } from '@/app/_server/api';
import { getDb } from '@/app/_server/db';
import { importManuscriptAs } from '@/lib/access/operations';
import { ImportError, MAX_IMPORT_BYTES } from '@/lib/import';

// POST /api/manuscripts/import – multipart form with `file` (.docx, .md, .html, .txt) → a new manuscript you own
export const POST = withUser(async ({ request, user }) => {
  const form = await request.formData().catch(() => null);
  const file = form?.get('file');
  if (!(file instanceof File)) return apiError('invalid_input', 'Send the manuscript as a multipart form field named "file".');
  if (file.size > MAX_IMPORT_BYTES) return apiError('invalid_input', 'That file is larger than 20 MB.');
  try {
    const created = await importManuscriptAs(getDb(), user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json({ id: created.id, title: created.title }, { status: 201 });
  } catch (error) {
    if (error instanceof ImportError) return apiError('invalid_input', error.message);
    throw error;
  }
});
