import type { Element } from '@xmldom/xmldom';
import { DocxReviewError, type DocxLimits } from './limits';
import { elementChildren, isOn, isW, parseWordDate, parseXml, wAttr, wChild, wName } from './xml';

/** One tracked change: who made it, when, and Word's id for it. Moves are a deletion plus an insertion. */
export interface Change {
  kind: 'insertion' | 'deletion';
  author: string;
  date: number | null;
  wordId: string;
  moved: boolean;
}

/** Text with one formatting and one change (or none). */
export interface Piece {
  text: string;
  change: Change | null;
  italic: boolean;
  bold: boolean;
}

export interface BodyParagraph {
  /** The paragraph style's id (`Heading1`, `Normal`, …). */
  style: string | null;
  pieces: Piece[];
  /** The paragraph mark (the break after this paragraph) was inserted (a split) or deleted (a join). */
  mark: Change | null;
}

/** A place in the body: a paragraph and a character offset in all its text (deleted text included). */
export interface BodyPosition {
  paragraph: number;
  offset: number;
}

export interface CommentPlaces {
  start?: BodyPosition;
  end?: BodyPosition;
  reference?: BodyPosition;
}

export interface ReviewBody {
  paragraphs: BodyParagraph[];
  /** Where each comment's range starts and ends, and where its reference mark sits. */
  comments: Map<string, CommentPlaces>;
  /** Formatting changes (`w:rPrChange`, `w:pPrChange`), which cannot become suggestions. */
  formattingChanges: number;
}

const INSERTED = new Set(['ins', 'moveTo']);
const DELETED = new Set(['del', 'moveFrom']);
/** Inline wrappers whose content is ordinary text: links, smart tags, content controls, simple fields. */
const TRANSPARENT_INLINE = new Set(['hyperlink', 'smartTag', 'customXml', 'sdtContent', 'fldSimple', 'bdo', 'dir']);
/** Block containers whose paragraphs are read in order: tables, content controls, custom XML. */
const BLOCK_CONTAINERS = new Set(['tbl', 'tr', 'tc', 'sdt', 'sdtContent', 'customXml', 'ins', 'del', 'moveTo', 'moveFrom']);

/** Reads word/document.xml's body: paragraphs with their changes and formatting, and where comments are. */
export function readBody(xml: string, limits: Pick<DocxLimits, 'maxElements' | 'maxParagraphs' | 'maxChanges'>): ReviewBody {
  const root = parseXml(xml, 'word/document.xml', limits).documentElement!;
  const body = elementChildren(root).find((child) => isW(child, 'body'));
  if (!body) throw new DocxReviewError('The file has no document body.');
  const paragraphs: BodyParagraph[] = [];
  const comments = new Map<string, CommentPlaces>();
  let formattingChanges = 0;
  let changes = 0;
  /** Comment ranges that start between paragraphs begin at the next one. */
  let pendingStarts: string[] = [];
  /** Field states, innermost last: text is skipped while any is in its instruction. */
  const fields: Array<'instruction' | 'result'> = [];
  const places = (id: string) => {
    let found = comments.get(id);
    if (!found) comments.set(id, (found = {}));
    return found;
  };

  const changeOf = (element: Element, kind: Change['kind']): Change => {
    if (++changes > limits.maxChanges) throw new DocxReviewError(`The file has more than ${limits.maxChanges} tracked changes.`);
    return { kind, author: (wAttr(element, 'author') ?? '').trim(), date: parseWordDate(wAttr(element, 'date')), wordId: wAttr(element, 'id') ?? String(changes), moved: (element.localName ?? '').startsWith('move') };
  };

  const readParagraph = (element: Element) => {
    if (paragraphs.length >= limits.maxParagraphs) throw new DocxReviewError(`The file has more than ${limits.maxParagraphs} paragraphs.`);
    const paragraph: BodyParagraph = { style: null, pieces: [], mark: null };
    const index = paragraphs.length;
    paragraphs.push(paragraph);
    let length = 0;
    for (const id of pendingStarts) places(id).start = { paragraph: index, offset: 0 };
    pendingStarts = [];
    const here = (): BodyPosition => ({ paragraph: index, offset: length });
    const append = (text: string, change: Change | null, italic: boolean, bold: boolean) => {
      if (!text || fields.includes('instruction')) return;
      const last = paragraph.pieces.at(-1);
      if (last && last.change === change && last.italic === italic && last.bold === bold) last.text += text;
      else paragraph.pieces.push({ text, change, italic, bold });
      length += text.length;
    };
    const readRun = (run: Element, change: Change | null) => {
      const properties = wChild(run, 'rPr');
      if (properties && wChild(properties, 'rPrChange')) formattingChanges++;
      const italic = isOn(properties && wChild(properties, 'i'));
      const bold = isOn(properties && wChild(properties, 'b'));
      for (const child of elementChildren(run)) {
        switch (wName(child)) {
          case 't':
          case 'delText':
            append(child.textContent ?? '', change, italic, bold);
            break;
          case 'tab':
          case 'ptab':
            append(' ', change, italic, bold);
            break;
          case 'br':
            // A page or column break is layout (LibreOffice writes one for "new page" before a chapter), not a line of the text.
            if (wAttr(child, 'type') !== 'page' && wAttr(child, 'type') !== 'column') append('\n', change, italic, bold);
            break;
          case 'cr':
            append('\n', change, italic, bold);
            break;
          case 'noBreakHyphen':
            append('-', change, italic, bold);
            break;
          case 'fldChar': {
            const type = wAttr(child, 'fldCharType');
            if (type === 'begin') fields.push('instruction');
            else if (type === 'separate' && fields.length > 0) fields[fields.length - 1] = 'result';
            else if (type === 'end') fields.pop();
            break;
          }
          case 'commentReference': {
            const id = wAttr(child, 'id');
            if (id !== null) places(id).reference = here();
            break;
          }
          // Instructions, footnote marks, pictures and text boxes carry no manuscript text.
          default:
            break;
        }
      }
    };
    const walk = (parent: Element, change: Change | null) => {
      for (const child of elementChildren(parent)) {
        const name = wName(child);
        if (!name) continue;
        if (name === 'r') readRun(child, change);
        else if (INSERTED.has(name)) walk(child, changeOf(child, 'insertion'));
        else if (DELETED.has(name)) walk(child, changeOf(child, 'deletion'));
        else if (TRANSPARENT_INLINE.has(name)) walk(child, change);
        else if (name === 'sdt') {
          const content = wChild(child, 'sdtContent');
          if (content) walk(content, change);
        } else if (name === 'commentRangeStart' || name === 'commentRangeEnd') {
          const id = wAttr(child, 'id');
          if (id !== null) places(id)[name === 'commentRangeStart' ? 'start' : 'end'] = here();
        } else if (name === 'pPr') {
          const style = wChild(child, 'pStyle');
          paragraph.style = style ? wAttr(style, 'val') : null;
          if (wChild(child, 'pPrChange')) formattingChanges++;
          const markProperties = wChild(child, 'rPr');
          const marker = markProperties && elementChildren(markProperties).find((e) => INSERTED.has(wName(e) ?? '') || DELETED.has(wName(e) ?? ''));
          if (marker) paragraph.mark = changeOf(marker, INSERTED.has(wName(marker)!) ? 'insertion' : 'deletion');
        }
      }
    };
    walk(element, null);
  };

  const walkBlocks = (parent: Element) => {
    for (const child of elementChildren(parent)) {
      const name = wName(child);
      if (!name) continue;
      if (name === 'p') readParagraph(child);
      else if (BLOCK_CONTAINERS.has(name)) walkBlocks(child);
      else if (name === 'commentRangeStart') {
        const id = wAttr(child, 'id');
        if (id !== null) pendingStarts.push(id);
      } else if (name === 'commentRangeEnd') {
        const id = wAttr(child, 'id');
        const last = paragraphs.length - 1;
        if (id !== null && last >= 0) places(id).end = { paragraph: last, offset: paragraphLength(paragraphs[last]!) };
      }
    }
  };
  walkBlocks(body);
  return { paragraphs, comments, formattingChanges };
}

export const paragraphLength = (paragraph: BodyParagraph) => paragraph.pieces.reduce((sum, piece) => sum + piece.text.length, 0);
