import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';

/**
 * An editor's work in Word on a Review DOCX, for tests: a new comment on some words, a reply under
 * an existing comment (threaded in commentsExtended.xml, as Word threads it), a tracked insertion
 * after some words, a tracked deletion of some. It edits the XML with a DOM parser, as Word would
 * leave it; the words must sit inside one text run of the body.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';

interface Who {
  author: string;
  /** ISO 8601, as Word writes it (to the second). */
  date: string;
}

export type WordEdit =
  | ({ kind: 'comment'; on: string; text: string } & Who)
  | ({ kind: 'reply'; to: string; text: string } & Who)
  | ({ kind: 'insert'; after: string; text: string } & Who)
  | ({ kind: 'delete'; words: string } & Who);

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const byTag = (node: Document | Element, ns: string, name: string): Element[] => Array.from(node.getElementsByTagNameNS(ns, name));
const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .toUpperCase();

function element(doc: Document, name: string, attributes: Record<string, string> = {}, ns = W): Element {
  const prefix = ns === W ? 'w' : ns === W15 ? 'w15' : 'w14';
  const created = doc.createElementNS(ns, `${prefix}:${name}`);
  for (const [key, value] of Object.entries(attributes)) created.setAttributeNS(key.startsWith('w15:') ? W15 : key.startsWith('w14:') ? W14 : W, key.includes(':') ? key : `w:${key}`, value);
  return created;
}

/**
 * The run whose text holds `words` (the first such, outside deleted text), split so that `words`
 * are a run of their own, with the same formatting; that run.
 */
function isolate(doc: Document, words: string): Element {
  for (const text of byTag(doc, W, 't')) {
    const value = text.textContent ?? '';
    const at = value.indexOf(words);
    const run = text.parentNode as Element;
    if (at < 0 || run.localName !== 'r' || byTag(run, W, 't').length !== 1) continue;
    const piece = (content: string) => {
      const copy = run.cloneNode(true) as Element;
      const t = byTag(copy, W, 't')[0]!;
      t.textContent = content;
      t.setAttribute('xml:space', 'preserve');
      return copy;
    };
    const parent = run.parentNode!;
    const target = piece(words);
    if (at > 0) parent.insertBefore(piece(value.slice(0, at)), run);
    parent.insertBefore(target, run);
    if (at + words.length < value.length) parent.insertBefore(piece(value.slice(at + words.length)), run);
    parent.removeChild(run);
    return target;
  }
  throw new Error(`“${words}” is not inside one text run of the document`);
}

const after = (node: Element, added: Element) => node.parentNode!.insertBefore(added, node.nextSibling);
const before = (node: Element, added: Element) => node.parentNode!.insertBefore(added, node);

function referenceRun(doc: Document, id: string): Element {
  const run = element(doc, 'r');
  run.appendChild(element(doc, 'commentReference', { id }));
  return run;
}

/** A comment's body, its one paragraph carrying the id commentsExtended.xml knows it by. */
function commentElement(doc: Document, id: string, paraId: string, edit: Who & { text: string }): Element {
  const comment = element(doc, 'comment', { id, author: edit.author, date: edit.date, initials: initials(edit.author) });
  const paragraph = element(doc, 'p', { 'w14:paraId': paraId }, W);
  const run = element(doc, 'r');
  const t = element(doc, 't');
  t.textContent = edit.text;
  run.appendChild(t);
  paragraph.appendChild(run);
  comment.appendChild(paragraph);
  return comment;
}

/** Applies the edits in order and gives back the file as Word would save it. */
export async function editInWord(bytes: Uint8Array, edits: WordEdit[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`the file has no ${name}: export it with comments first`);
    return parse(await file.async('string'));
  };
  const document = await read('word/document.xml');
  const comments = await read('word/comments.xml');
  const extended = await read('word/commentsExtended.xml');
  // Comments and revisions share Word's ids here; new ones follow the highest.
  let nextId = Math.max(0, ...[...byTag(document, W, '*'), ...byTag(comments, W, 'comment')].map((each) => Number(each.getAttributeNS(W, 'id') || -1))) + 1;
  let nextParaId = 0x7e000000;
  const fresh = () => String(nextId++);

  for (const edit of edits) {
    if (edit.kind === 'comment' || edit.kind === 'reply') {
      const id = fresh();
      const paraId = (nextParaId++).toString(16).toUpperCase();
      comments.documentElement!.appendChild(commentElement(comments, id, paraId, edit));
      const entry = element(extended, 'commentEx', { 'w15:paraId': paraId, 'w15:done': '0' }, W15);
      if (edit.kind === 'comment') {
        const run = isolate(document, edit.on);
        before(run, element(document, 'commentRangeStart', { id }));
        const end = element(document, 'commentRangeEnd', { id });
        after(run, end);
        after(end, referenceRun(document, id));
      } else {
        const parent = byTag(comments, W, 'comment').find((comment) => (comment.textContent ?? '').trim() === edit.to);
        if (!parent) throw new Error(`no comment “${edit.to}” to reply to`);
        const parentId = parent.getAttributeNS(W, 'id')!;
        const parentParagraphs = byTag(parent, W, 'p');
        entry.setAttributeNS(W15, 'w15:paraIdParent', parentParagraphs.at(-1)!.getAttributeNS(W14, 'paraId')!);
        // Word puts a reply's range and mark beside its parent's.
        const sameId = (name: string) => byTag(document, W, name).find((each) => each.getAttributeNS(W, 'id') === parentId);
        const start = sameId('commentRangeStart');
        const end = sameId('commentRangeEnd');
        const reference = sameId('commentReference')?.parentNode as Element | undefined;
        if (start) after(start, element(document, 'commentRangeStart', { id }));
        if (end) before(end, element(document, 'commentRangeEnd', { id }));
        if (reference) after(reference, referenceRun(document, id));
      }
      extended.documentElement!.appendChild(entry);
    } else if (edit.kind === 'insert') {
      const run = isolate(document, edit.after);
      const inserted = element(document, 'ins', { id: fresh(), author: edit.author, date: edit.date });
      const newRun = run.cloneNode(true) as Element;
      const t = byTag(newRun, W, 't')[0]!;
      t.textContent = edit.text;
      t.setAttribute('xml:space', 'preserve');
      inserted.appendChild(newRun);
      // After the words, and after a tracked change the words sit in.
      const parent = run.parentNode as Element;
      after(parent.localName === 'ins' || parent.localName === 'del' ? parent : run, inserted);
    } else {
      const run = isolate(document, edit.words);
      const deleted = element(document, 'del', { id: fresh(), author: edit.author, date: edit.date });
      before(run, deleted);
      deleted.appendChild(run);
      const t = byTag(run, W, 't')[0]!;
      const delText = element(document, 'delText');
      delText.setAttribute('xml:space', 'preserve');
      delText.textContent = t.textContent;
      run.replaceChild(delText, t);
    }
  }
  const serialize = (doc: Document) => new XMLSerializer().serializeToString(doc);
  zip.file('word/document.xml', serialize(document));
  zip.file('word/comments.xml', serialize(comments));
  zip.file('word/commentsExtended.xml', serialize(extended));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
