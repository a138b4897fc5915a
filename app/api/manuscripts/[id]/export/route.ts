import { z } from 'zod';
import { parseParams, withUser } from '@/app/_server/api';
import { getStorage } from '@/app/_server/storage';
import { exportManuscriptAs } from '@/lib/access/operations';
import { reviewChoices } from '@/lib/export/presets';
import { exportQuery, manuscriptId } from '@/lib/validation/inputs';

// GET /api/manuscripts/[id]/export?format=docx|pdf|epub|md|html|txt&font=modern|classic&paper=letter|a4&chapters=a,b
//     &preset=review|submission&comments=open|all|none&changes=tracked|accepted|original – download (viewer and up)
export const GET = withUser<{ id: string }>(async ({ request, user, params }) => {
  const { id } = parseParams(z.object({ id: manuscriptId }), params);
  const query = exportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const file = await exportManuscriptAs(await getStorage(), user, id, {
    format: query.format,
    font: query.font,
    paper: query.paper,
    chapterIds: query.chapters,
    draftId: query.draft,
    ...reviewChoices(query),
  });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
