import { readDocx } from './docx';
import type { ReviewDocument } from './docx-review/read';
import { titleFromFileName } from './file-title';
import { readHtml } from './html';
import { readMarkdown } from './markdown';
import { encodeImportedManuscript, structure, type ImportedManuscript } from './model';
import { readText } from './text';

export const IMPORT_FORMATS = ['docx', 'md', 'html', 'txt'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export class ImportError extends Error {
  override name = 'ImportError';
}

/** Largest file accepted for import: a long novel as DOCX is a few megabytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function importFormatOf(fileName: string): ImportFormat {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'markdown') return 'md';
  if (extension === 'htm') return 'html';
  if (extension === 'text') return 'txt';
  if ((IMPORT_FORMATS as readonly string[]).includes(extension)) return extension as ImportFormat;
  throw new ImportError(`Scriptorium imports .docx, .md, .html and .txt files, not “.${extension}”.`);
}

/**
 * Reads a file into a manuscript structure and the Y.Doc update that holds it; a DOCX also gives
 * the review it carries (its comments and tracked changes), for the caller to put back on the text.
 */
export async function importManuscript(file: { name: string; bytes: Uint8Array }): Promise<{ manuscript: ImportedManuscript; update: Uint8Array; review?: ReviewDocument }> {
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportError('That file is larger than 20 MB.');
  const format = importFormatOf(file.name);
  // The CLI passes a path; a browser passes only the name. Either way the title is the name.
  const fallbackTitle = titleFromFileName(file.name) || 'Imported manuscript';
  const text = () => new TextDecoder('utf-8', { fatal: false }).decode(file.bytes);
  let document;
  let review: ReviewDocument | undefined;
  try {
    if (format === 'docx') ({ document, review } = await readDocx(file.bytes, fallbackTitle));
    else document = format === 'md' ? readMarkdown(text(), fallbackTitle) : format === 'html' ? readHtml(text(), fallbackTitle) : readText(text(), fallbackTitle);
  } catch (error) {
    throw new ImportError(`That file could not be read as ${format.toUpperCase()}: ${(error as Error).message}`);
  }
  const manuscript = structure(document);
  return { manuscript, update: encodeImportedManuscript(manuscript), review };
}
