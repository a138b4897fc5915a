import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import JSZip from 'jszip';

/**
 * A DOCX read back as Word would: its comments (with threads and "done" from commentsExtended.xml),
 * the exact text each comment's range covers, its tracked changes and its paragraphs. For tests of
 * exports (unit and end-to-end); it reads the XML with a DOM parser, never with patterns.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';

export interface WordComment {
  id: string;
  author: string;
  initials: string;
  date: string;
  /** The comment's paragraphs joined by blank lines, a line break within one as a newline. */
  text: string;
  /** The id of the comment this one replies to, from commentsExtended.xml. */
  parentId?: string;
  /** w15:done: true when resolved, false when open, undefined when not said. */
  done?: boolean;
}

export interface WordRevision {
  kind: 'ins' | 'del';
  author: string;
  date: string;
  text: string;
  /** A revision of a paragraph mark (a suggested paragraph break or join), not of text. */
  paragraphMark: boolean;
}

export interface WordParts {
  files: string[];
  comments: WordComment[];
  /**
   * What each comment's range covers, by comment id: plain text, deleted text as `[-…-]`, inserted
   * as `{+…+}`, a paragraph end as `¶`.
   */
  ranges: Map<string, string>;
  /** Comment ids with a w:commentReference in the body. */
  references: Set<string>;
  revisions: WordRevision[];
  /** Each body paragraph's text as it reads with the changes shown (deleted words left out). */
  paragraphs: string[];
  /** Italic text inside each comment's range, by comment id. */
  italicIn: Map<string, string>;
  /** The index in `paragraphs` of the paragraph each comment's range starts in. */
  startsIn: Map<string, number>;
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const elements = (node: Node): Element[] => {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) out.push(child as Element);
  return out;
};
const attr = (element: Element, name: string, ns = W) => element.getAttributeNS(ns, name) ?? '';
const isW = (element: Element, name: string) => element.namespaceURI === W && element.localName === name;

function ancestor(element: Element, name: string): Element | null {
  for (let node = element.parentNode as Element | null; node && node.nodeType === 1; node = node.parentNode as Element | null) if (isW(node, name)) return node;
  return null;
}

function textOf(element: Element): string {
  let text = '';
  for (const tag of ['t', 'delText']) for (const t of Array.from(element.getElementsByTagNameNS(W, tag))) text += t.textContent ?? '';
  return text;
}

/** A comment paragraph's text, a line break as a newline. */
function lineText(paragraph: Element): string {
  let text = '';
  const walk = (element: Element) => {
    for (const child of elements(element)) {
      if (isW(child, 't')) text += child.textContent ?? '';
      else if (isW(child, 'br')) text += '\n';
      else walk(child);
    }
  };
  walk(paragraph);
  return text;
}

export async function readWordParts(bytes: Uint8Array | Buffer): Promise<WordParts> {
  const zip = await JSZip.loadAsync(bytes);
  const files = Object.keys(zip.files);
  const read = async (name: string) => (zip.file(name) ? parse(await zip.file(name)!.async('string')) : null);
  const document = (await read('word/document.xml'))!;

  const ranges = new Map<string, string>();
  const italicIn = new Map<string, string>();
  const startsIn = new Map<string, number>();
  const references = new Set<string>();
  const open = new Set<string>();
  const paragraphs: string[] = [];
  const add = (text: string, italic: boolean) =>
    open.forEach((id) => {
      ranges.set(id, (ranges.get(id) ?? '') + text);
      if (italic) italicIn.set(id, (italicIn.get(id) ?? '') + text);
    });
  const walk = (element: Element) => {
    if (isW(element, 'commentRangeStart')) {
      open.add(attr(element, 'id'));
      startsIn.set(attr(element, 'id'), paragraphs.length);
      ranges.set(attr(element, 'id'), ranges.get(attr(element, 'id')) ?? '');
    } else if (isW(element, 'commentRangeEnd')) open.delete(attr(element, 'id'));
    else if (isW(element, 'commentReference')) references.add(attr(element, 'id'));
    else if (isW(element, 't') || isW(element, 'delText')) {
      const run = ancestor(element, 'r');
      const italic = !!run && elements(run).some((child) => isW(child, 'rPr') && elements(child).some((p) => isW(p, 'i')));
      const text = element.textContent ?? '';
      if (isW(element, 'delText')) add(`[-${text}-]`, italic);
      else if (ancestor(element, 'ins')) add(`{+${text}+}`, italic);
      else add(text, italic);
    }
    for (const child of elements(element)) walk(child);
    if (isW(element, 'p') && !ancestor(element, 'p')) {
      add('¶', false);
      paragraphs.push(Array.from(element.getElementsByTagNameNS(W, 't')).map((t) => t.textContent ?? '').join(''));
    }
  };
  walk(document.documentElement!);
  // Adjacent pieces of one kind read as one: "{+a+}{+b+}" is "{+ab+}".
  for (const [id, text] of ranges) ranges.set(id, text.replace(/\+\}\{\+/g, '').replace(/-\]\[-/g, ''));

  const revisions: WordRevision[] = [];
  for (const kind of ['ins', 'del'] as const) {
    for (const element of Array.from(document.getElementsByTagNameNS(W, kind))) {
      const paragraphMark = (element.parentNode as Element).localName === 'rPr';
      revisions.push({ kind, author: attr(element, 'author'), date: attr(element, 'date'), text: paragraphMark ? '' : textOf(element), paragraphMark });
    }
  }

  const comments: WordComment[] = [];
  const byParaId = new Map<string, WordComment>();
  const commentsXml = await read('word/comments.xml');
  for (const element of commentsXml ? Array.from(commentsXml.getElementsByTagNameNS(W, 'comment')) : []) {
    const paras = Array.from(element.getElementsByTagNameNS(W, 'p'));
    const comment: WordComment = {
      id: attr(element, 'id'),
      author: attr(element, 'author'),
      initials: attr(element, 'initials'),
      date: attr(element, 'date'),
      text: paras.map(lineText).join('\n\n'),
    };
    const paraId = paras.at(-1)?.getAttributeNS(W14, 'paraId');
    if (paraId) byParaId.set(paraId, comment);
    comments.push(comment);
  }
  const extended = await read('word/commentsExtended.xml');
  for (const element of extended ? Array.from(extended.getElementsByTagNameNS(W15, 'commentEx')) : []) {
    const comment = byParaId.get(attr(element, 'paraId', W15));
    if (!comment) continue;
    const parent = byParaId.get(attr(element, 'paraIdParent', W15));
    if (parent) comment.parentId = parent.id;
    const done = attr(element, 'done', W15);
    if (done) comment.done = done === '1';
  }
  return { files, comments, ranges, references, revisions, paragraphs, italicIn, startsIn };
}
