import JSZip from 'jszip';
import { readBody, type ReviewBody } from './body';
import { readComments, type ReviewComment } from './comments';
import { DOCX_LIMITS, DocxReviewError, type DocxLimits } from './limits';
import { originalDocumentXml } from './original-view';
import { openDocxPackage } from './package';
import { findReviewParts } from './parts';

/** What an editor left in a DOCX: the body with its tracked changes and comment places, and the comments. */
export interface ReviewDocument {
  body: ReviewBody;
  comments: ReviewComment[];
  /** The file says which comment answers which (commentsExtended.xml); without it, replies are guessed. */
  explicitReplies: boolean;
}

/** The parts mammoth reads for text and formatting (pictures are never inflated: the importer drops them). */
const MAMMOTH_PARTS = ['[Content_Types].xml', '_rels/.rels', 'word/styles.xml', 'word/numbering.xml', 'word/footnotes.xml', 'word/endnotes.xml', 'word/_rels/footnotes.xml.rels', 'word/_rels/endnotes.xml.rels'];

export interface ReadReview {
  review: ReviewDocument;
  /** The same DOCX as it read before the editor's changes (every tracked change rejected), for mammoth. */
  originalDocx(): Promise<Uint8Array>;
}

/**
 * Reads a DOCX's comments (with replies and authors) and tracked changes, alongside the text.
 * Every part is size-capped while it inflates; a damaged or hostile file is a DocxReviewError.
 */
export async function readDocxReview(bytes: Uint8Array, limits: DocxLimits = DOCX_LIMITS): Promise<ReadReview> {
  const docx = await openDocxPackage(bytes, limits);
  const parts = await findReviewParts(docx, limits);
  const documentXml = await docx.read(parts.document);
  if (documentXml === null) throw new DocxReviewError('That file has no document text (word/document.xml is missing); is it really a DOCX?');
  const body = readBody(documentXml, limits);
  const extended = await docx.read(parts.commentsExtended);
  const { comments, explicitReplies } = readComments({ comments: await docx.read(parts.comments), extended, people: await docx.read(parts.people) }, limits);
  return {
    review: { body, comments, explicitReplies },
    async originalDocx() {
      const zip = new JSZip();
      zip.file(parts.document, originalDocumentXml(documentXml, limits));
      for (const name of new Set([...MAMMOTH_PARTS, parts.documentRels])) {
        const text = await docx.read(name);
        if (text !== null) zip.file(name, text);
      }
      return zip.generateAsync({ type: 'uint8array' });
    },
  };
}
