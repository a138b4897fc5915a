import type * as Y from 'yjs';
import type { CommentThreadView } from '../comments/protocol';
import { toDocx, type DocxOptions } from './docx';
import { toEpub } from './epub';
import { toHtml } from './html';
import { toMarkdown } from './markdown';
import { toPdf } from './pdf';
import { readManuscriptForExport, type ChangesView, type TitlePage } from './model';
import { toText } from './text';
import { threadsToExport, type CommentsChoice } from './threads';

export const EXPORT_FORMATS = ['docx', 'pdf', 'epub', 'md', 'html', 'txt'] as const;
/** The formats that import can read back. */
export const ROUND_TRIP_FORMATS = ['docx', 'md', 'html', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export interface ExportRequest extends DocxOptions {
  format: ExportFormat;
  chapterIds?: string[];
  /** DOCX only: the comment threads as Word comments (none unless asked; see `reviewChoices`). */
  comments?: CommentsChoice;
  /** DOCX only: suggestions as tracked changes, accepted, or left out (the original, unless asked). */
  changes?: ChangesView;
}

/** What a Review DOCX needs beside the text: the manuscript's threads and its writers' names. */
export interface ReviewMaterial {
  threads: CommentThreadView[];
  nameOf: (userId: string | null) => string;
}

/**
 * Y.Doc → format-neutral manuscript → one writer per format. Knows nothing of HTTP. Comments and
 * tracked changes travel in DOCX only; every other format is the original text, as before.
 */
export async function exportManuscript(doc: Y.Doc, titlePage: TitlePage, request: ExportRequest, material?: ReviewMaterial): Promise<Uint8Array> {
  const review =
    request.format === 'docx'
      ? { suggestions: request.changes ?? 'original', nameOf: material?.nameOf, threads: material && request.comments ? threadsToExport(material.threads, request.comments) : undefined }
      : {};
  const manuscript = readManuscriptForExport(doc, titlePage, { chapterIds: request.chapterIds, ...review });
  switch (request.format) {
    case 'docx':
      return new Uint8Array(await toDocx(manuscript, request));
    case 'pdf':
      return new Uint8Array(await toPdf(manuscript, request));
    case 'epub':
      return new Uint8Array(await toEpub(manuscript));
    case 'md':
      return new TextEncoder().encode(toMarkdown(manuscript));
    case 'html':
      return new TextEncoder().encode(toHtml(manuscript));
    case 'txt':
      return new TextEncoder().encode(toText(manuscript));
  }
}

/** A file name writers recognise: the title, safe for every file system. */
export function exportFileName(title: string, format: ExportFormat): string {
  const base = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'manuscript';
  return `${base}.${format}`;
}
