import type { Element } from '@xmldom/xmldom';
import { DocxReviewError, type DocxLimits } from './limits';
import { W14, W15, attrNS, elementChildren, isElement, isW, parseWordDate, parseXml, wAttr } from './xml';

/** One Word comment, with where it sits in a conversation. */
export interface ReviewComment {
  /** `w:id`, unique in the file; the body's comment ranges refer to it. */
  id: string;
  author: string;
  /** The author's email when people.xml names one (Word's account), for finding the member. */
  email: string | null;
  date: number | null;
  /** Plain text; paragraphs joined by blank lines. */
  text: string;
  /** The comment it answers (commentsExtended's paraIdParent), or null for a thread's first comment. */
  parentId: string | null;
  /** Marked done (resolved) in Word. */
  done: boolean;
}

/** Longest comment kept whole: what the comment threads store. Longer ones are cut and marked so. */
export const MAX_COMMENT_CHARS = 5000;

function paragraphText(paragraph: Element): string {
  let text = '';
  const walk = (element: Element) => {
    for (const child of elementChildren(element)) {
      if (isW(child, 't')) text += child.textContent ?? '';
      else if (isW(child, 'tab')) text += '\t';
      else if ((isW(child, 'br') && !['page', 'column'].includes(wAttr(child, 'type') ?? '')) || isW(child, 'cr')) text += '\n';
      else if (isW(child, 'instrText') || isW(child, 'delText') || isW(child, 'del') || isW(child, 'moveFrom') || isW(child, 'rPr') || isW(child, 'pPr')) continue;
      else walk(child);
    }
  };
  walk(paragraph);
  return text;
}

/** `w15:person` author names → their account email, when the provider gives one. */
export function readPeople(xml: string | null, limits: Pick<DocxLimits, 'maxElements'>): Map<string, string> {
  const emails = new Map<string, string>();
  if (!xml) return emails;
  const people = parseXml(xml, 'word/people.xml', limits).documentElement!;
  for (const person of elementChildren(people)) {
    const author = attrNS(person, W15, 'author', 'w15');
    const presence = elementChildren(person).find((child) => child.localName === 'presenceInfo');
    const userId = presence ? attrNS(presence, W15, 'userId', 'w15') : null;
    if (author && userId && /^[^@\s]+@[^@\s]+$/.test(userId)) emails.set(author, userId.toLowerCase());
  }
  return emails;
}

export interface ReviewComments {
  comments: ReviewComment[];
  /**
   * The file says which comment answers which: commentsExtended.xml links a reply to its parent, or
   * lists every comment (Word). LibreOffice lists only the done ones and no parents: its replies are
   * comments on the same words, threaded by place.
   */
  explicitReplies: boolean;
}

/**
 * comments.xml (the words), commentsExtended.xml (replies and done, keyed by each comment's last
 * paragraph id) and people.xml (emails), as one list in file order.
 */
export function readComments(
  xml: { comments: string | null; extended: string | null; people: string | null },
  limits: Pick<DocxLimits, 'maxElements' | 'maxComments'>,
): ReviewComments {
  if (!xml.comments) return { comments: [], explicitReplies: xml.extended !== null };
  const root = parseXml(xml.comments, 'word/comments.xml', limits).documentElement!;
  const emails = readPeople(xml.people, limits);
  const comments: ReviewComment[] = [];
  const byParaId = new Map<string, ReviewComment>();
  for (const element of elementChildren(root)) {
    if (!isW(element, 'comment')) continue;
    if (comments.length >= limits.maxComments) throw new DocxReviewError(`The file has more than ${limits.maxComments} comments.`);
    const id = wAttr(element, 'id');
    if (id === null) continue;
    const paragraphs = elementChildren(element).filter((child) => isW(child, 'p'));
    let text = paragraphs
      .map(paragraphText)
      .join('\n\n')
      .replace(/[\t ]+/g, ' ')
      .trim();
    if (text.length > MAX_COMMENT_CHARS) text = `${text.slice(0, MAX_COMMENT_CHARS - 40).trimEnd()} … (cut short on import)`;
    const author = (wAttr(element, 'author') ?? '').trim();
    const comment: ReviewComment = { id, author, email: emails.get(author) ?? null, date: parseWordDate(wAttr(element, 'date')), text, parentId: null, done: false };
    comments.push(comment);
    const last = paragraphs.at(-1);
    const paraId = last ? attrNS(last, W14, 'paraId', 'w14') : null;
    if (paraId) byParaId.set(paraId.toUpperCase(), comment);
  }
  const listed = new Set<ReviewComment>();
  if (xml.extended) {
    const extended = parseXml(xml.extended, 'word/commentsExtended.xml', limits).documentElement!;
    for (const entry of elementChildren(extended)) {
      if (!isElement(entry) || entry.localName !== 'commentEx') continue;
      const comment = byParaId.get((attrNS(entry, W15, 'paraId', 'w15') ?? '').toUpperCase());
      if (!comment) continue;
      listed.add(comment);
      const done = attrNS(entry, W15, 'done', 'w15');
      comment.done = done === '1' || done === 'true';
      const parent = byParaId.get((attrNS(entry, W15, 'paraIdParent', 'w15') ?? '').toUpperCase());
      if (parent && parent !== comment) comment.parentId = parent.id;
    }
  }
  breakCycles(comments);
  const explicitReplies = xml.extended !== null && (comments.some((comment) => comment.parentId !== null) || listed.size === comments.length);
  return { comments, explicitReplies };
}

/** A hostile file could make two comments each other's parent: such a comment starts its own thread. */
function breakCycles(comments: ReviewComment[]): void {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  for (const comment of comments) {
    const seen = new Set<string>([comment.id]);
    let parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    while (parent) {
      if (seen.has(parent.id)) {
        comment.parentId = null;
        break;
      }
      seen.add(parent.id);
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
  }
}
