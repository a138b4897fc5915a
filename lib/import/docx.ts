import mammoth from 'mammoth';
import { readDocxReview, type ReviewDocument } from './docx-review/read';
import { readHtml } from './html';
import type { ImportedDocument } from './model';

/** How Word's paragraph styles map to what the importer understands; SMF furniture is dropped. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Heading 1'] => h1:fresh",
  "p[style-name='Heading 2'] => h2:fresh",
  "p[style-name='Heading 3'] => h3:fresh",
  "p[style-name='SMF Contact'] => !",
  "p[style-name='SMF Byline'] => !",
  "p[style-name='SMF End'] => !",
  "p[style-name='SMF Quote'] => blockquote > p:fresh",
];

/** Pictures are not part of a manuscript's text: never inflated, never embedded. */
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));

/**
 * A .docx file: the text as it read before any tracked changes (mammoth, for italics, bold and
 * headings, read as HTML), and the review it carries (comments and tracked changes), which the
 * importer puts back as threads and suggestions. Every part is read under size limits.
 */
export async function readDocx(bytes: Uint8Array, fallbackTitle: string): Promise<{ document: ImportedDocument; review: ReviewDocument }> {
  const read = await readDocxReview(bytes);
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(await read.originalDocx()) }, { styleMap: STYLE_MAP, convertImage: skipImages });
  return { document: readHtml(`<body>${value}</body>`, fallbackTitle), review: read.review };
}
