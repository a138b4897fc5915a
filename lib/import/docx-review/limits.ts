/** What a DOCX may hold before the review reader refuses it: a long novel fits many times over. */
export interface DocxLimits {
  /** Entries in the zip (a novel's DOCX has a few dozen). */
  maxEntries: number;
  /** Bytes one XML part may inflate to. */
  maxPartBytes: number;
  /** Bytes all parts read together may inflate to. */
  maxTotalBytes: number;
  /** Paragraphs in the body. */
  maxParagraphs: number;
  /** Comments in comments.xml. */
  maxComments: number;
  /** Tracked insertions and deletions in the body. */
  maxChanges: number;
  /** XML elements one part may hold (a parser's memory grows with them, not with bytes). */
  maxElements: number;
}

export const DOCX_LIMITS: DocxLimits = {
  maxEntries: 2_000,
  maxPartBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  maxParagraphs: 200_000,
  maxComments: 10_000,
  maxChanges: 100_000,
  maxElements: 4_000_000,
};

/** The file cannot be read as a marked-up DOCX; the message says why in the writer's words. */
export class DocxReviewError extends Error {
  override name = 'DocxReviewError';
}
