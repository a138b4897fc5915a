import mammoth from 'mammoth';
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

/** A .docx file through mammoth (semantic HTML: italics, bold, headings), then read as HTML. */
export async function readDocx(bytes: Uint8Array, fallbackTitle: string): Promise<ImportedDocument> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: STYLE_MAP });
  return readHtml(`<body>${value}</body>`, fallbackTitle);
}
