import { isSceneBreakText } from '../../editor/scene-break';
import type { BodyParagraph, BodyPosition, Change, ReviewBody } from '../docx-review/body';

/** Text the editor proposes to add at one point of the original text. */
export interface SectionInsertion {
  key: number;
  /** Where in the section's original text it goes. */
  at: number;
  pieces: { text: string; italic: boolean; bold: boolean }[];
  change: Change;
}

/** Original text the editor proposes to remove: [from, to) in the section's original text. */
export interface SectionDeletion {
  key: number;
  from: number;
  to: number;
  change: Change;
}

/** A paragraph break the editor proposes to add (split) or take out (join, at the '\n' between two paragraphs). */
export interface SectionBreak {
  key: number;
  kind: 'split' | 'join';
  point: SectionPoint;
  change: Change;
}

/** A place in a section: a point of the original text, or a point inside one of the editor's insertions. */
export interface SectionPoint {
  at: number;
  insertion?: { key: number; offset: number };
}

/**
 * A stretch of the file between scene breaks and headings, as it read before the editor's changes
 * (`text`, paragraphs apart by '\n'), with their changes laid on it. It is matched against the
 * manuscript's scenes.
 */
export interface ReviewSection {
  index: number;
  text: string;
  /** A chapter heading, title or scene-break line: it matches no scene’s text. */
  heading: boolean;
  insertions: SectionInsertion[];
  deletions: SectionDeletion[];
  breaks: SectionBreak[];
}

export interface ReviewSections {
  sections: ReviewSection[];
  /** Where a position in the file's body falls: its section and the point in it. */
  locate(position: BodyPosition): { section: number; point: SectionPoint } | null;
  /** The end of a section's text, for a comment that runs on past it. */
  endOf(section: number): SectionPoint;
}

const HEADING_STYLE = /^(heading|title|subtitle)/i;
/** A file with no scene breaks is cut into sections of about this many characters (at paragraph ends), so each word diff stays small. */
export const MAX_SECTION_CHARS = 20_000;

interface PieceSpan {
  fullStart: number;
  fullEnd: number;
  /** Where its text starts in the section's original text (for insertions: the point it is added at). */
  origStart: number;
  insertionKey: number | null;
  /** For insertions: where this piece starts within the whole insertion. */
  insertionOffset: number;
}

interface ParagraphSpans {
  section: number;
  spans: PieceSpan[];
  /** Where the paragraph ends in the original text. */
  origEnd: number;
}

const originalText = (paragraph: BodyParagraph) => paragraph.pieces.filter((piece) => piece.change?.kind !== 'insertion').map((piece) => piece.text).join('');

/** Cuts the body into sections and lays every tracked change on the original text. */
export function reviewSections(body: ReviewBody): ReviewSections {
  const sections: ReviewSection[] = [];
  const paragraphSpans: ParagraphSpans[] = [];
  let key = 0;
  let current: ReviewSection | null = null;
  /** The paragraph before this one in the section ended with an inserted mark: no break between them originally. */
  let joinedToPrevious = false;
  const open = (heading: boolean) => {
    current = { index: sections.length, text: '', heading, insertions: [], deletions: [], breaks: [] };
    sections.push(current);
    joinedToPrevious = false;
    return current;
  };

  body.paragraphs.forEach((paragraph) => {
    const original = originalText(paragraph);
    const heading = paragraph.style !== null && HEADING_STYLE.test(paragraph.style);
    // A heading or a scene-break line is a section of its own: it matches no scene's text.
    const separate = heading || (isSceneBreakText(original) && original.trim() !== '');
    const previousSection = current as ReviewSection | null;
    const tooLong = previousSection !== null && previousSection.text.length >= MAX_SECTION_CHARS && !joinedToPrevious;
    const section: ReviewSection = !previousSection || separate || previousSection.heading || tooLong ? open(separate) : previousSection;
    if (section.text.length > 0 && !joinedToPrevious) section.text += '\n';
    const spans: PieceSpan[] = [];
    let full = 0;
    let lastInsertion: SectionInsertion | null = null;
    for (const piece of paragraph.pieces) {
      const at = section.text.length;
      const span: PieceSpan = { fullStart: full, fullEnd: full + piece.text.length, origStart: at, insertionKey: null, insertionOffset: 0 };
      full += piece.text.length;
      if (piece.change?.kind === 'insertion') {
        const text = piece.text.replace(/\n/g, ' ');
        const previous = section.insertions.at(-1);
        // Runs of one insertion (or one writer's adjacent insertions) at the same point are one suggestion.
        if (previous && previous.at === at && previous.change.author === piece.change.author && lastInsertion === previous) {
          span.insertionKey = previous.key;
          span.insertionOffset = previous.pieces.reduce((sum, each) => sum + each.text.length, 0);
          previous.pieces.push({ text, italic: piece.italic, bold: piece.bold });
        } else {
          lastInsertion = { key: key++, at, pieces: [{ text, italic: piece.italic, bold: piece.bold }], change: piece.change };
          section.insertions.push(lastInsertion);
          span.insertionKey = lastInsertion.key;
        }
      } else {
        lastInsertion = null;
        if (piece.change?.kind === 'deletion') {
          const previous = section.deletions.at(-1);
          if (previous && previous.to === at && previous.change.author === piece.change.author) previous.to += piece.text.length;
          else section.deletions.push({ key: key++, from: at, to: at + piece.text.length, change: piece.change });
        }
        section.text += piece.text;
      }
      spans.push(span);
    }
    paragraphSpans.push({ section: section.index, spans, origEnd: section.text.length });
    joinedToPrevious = false;
    if (paragraph.mark?.kind === 'insertion') {
      // A split: the break goes after whatever the paragraph ends with, the editor's own words included.
      const last = spans.at(-1);
      const insertion = last?.insertionKey != null ? section.insertions.find((each) => each.key === last.insertionKey) : undefined;
      const point: SectionPoint = insertion ? { at: insertion.at, insertion: { key: insertion.key, offset: insertion.pieces.reduce((sum, each) => sum + each.text.length, 0) } } : { at: section.text.length };
      section.breaks.push({ key: key++, kind: 'split', point, change: paragraph.mark });
      joinedToPrevious = true;
    } else if (paragraph.mark?.kind === 'deletion') {
      section.breaks.push({ key: key++, kind: 'join', point: { at: section.text.length }, change: paragraph.mark });
    }
  });

  const locate = (position: BodyPosition): { section: number; point: SectionPoint } | null => {
    const paragraph = paragraphSpans[position.paragraph];
    if (!paragraph) return null;
    const section = sections[paragraph.section]!;
    const span = paragraph.spans.find((each) => position.offset >= each.fullStart && position.offset < each.fullEnd);
    if (!span) return { section: section.index, point: { at: paragraph.origEnd } };
    if (span.insertionKey !== null) {
      const insertion = section.insertions.find((each) => each.key === span.insertionKey)!;
      return { section: section.index, point: { at: insertion.at, insertion: { key: insertion.key, offset: span.insertionOffset + position.offset - span.fullStart } } };
    }
    return { section: section.index, point: { at: span.origStart + (position.offset - span.fullStart) } };
  };
  return { sections, locate, endOf: (index) => ({ at: sections[index]?.text.length ?? 0 }) };
}
