import { XMLSerializer, type Element } from '@xmldom/xmldom';
import type { DocxLimits } from './limits';
import { elementChildren, isElement, isW, parseXml, wChild, wName } from './xml';

const INSERTED = new Set(['ins', 'moveTo']);
const DELETED = new Set(['del', 'moveFrom']);
const isProperties = (element: Element) => (element.localName ?? '').endsWith('Pr');

/**
 * document.xml as it read before the editor's tracked changes (every change rejected): their
 * insertions out, their deletions back as ordinary text, a paragraph they split joined again (and a
 * simple field's result as plain runs, which mammoth would otherwise drop).
 * Mammoth reads this for the new manuscript's text and formatting; the review's changes are then
 * put back as suggestions on it.
 */
export function originalDocumentXml(xml: string, limits: Pick<DocxLimits, 'maxElements'>): string {
  const document = parseXml(xml, 'word/document.xml', limits);
  const all: Element[] = [];
  const collect = (element: Element) => {
    for (const child of elementChildren(element)) {
      all.push(child);
      collect(child);
    }
  };
  collect(document.documentElement!);
  for (const element of all) {
    const name = wName(element);
    if (!name || !element.parentNode) continue;
    const parent = element.parentNode as Element;
    if (INSERTED.has(name) || DELETED.has(name)) {
      // Inside properties it marks a paragraph mark or a table row, not text: handled below or left.
      if (isElement(parent) && isProperties(parent)) continue;
      if (INSERTED.has(name)) parent.removeChild(element);
      else {
        while (element.firstChild) parent.insertBefore(element.firstChild, element);
        parent.removeChild(element);
      }
    } else if (name === 'fldSimple') {
      // A simple field's runs are its shown result; mammoth skips the field, so they stand on their own.
      while (element.firstChild) parent.insertBefore(element.firstChild, element);
      parent.removeChild(element);
    } else if (name === 'delText' || name === 'delInstrText') {
      const renamed = document.createElementNS(element.namespaceURI, `${element.prefix ? `${element.prefix}:` : ''}${name === 'delText' ? 't' : 'instrText'}`);
      renamed.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
      renamed.appendChild(document.createTextNode(element.textContent ?? ''));
      parent.replaceChild(renamed, element);
    }
  }
  // A paragraph whose mark was inserted was one paragraph with the next: its content goes back in front.
  for (const paragraph of all) {
    if (!isW(paragraph, 'p') || !paragraph.parentNode) continue;
    const markProperties = wChild(wChild(paragraph, 'pPr') ?? paragraph, 'rPr');
    const marker = markProperties && elementChildren(markProperties).find((child) => INSERTED.has(wName(child) ?? '') || DELETED.has(wName(child) ?? ''));
    if (!marker) continue;
    markProperties!.removeChild(marker);
    if (!INSERTED.has(wName(marker)!)) continue;
    let next = paragraph.nextSibling;
    while (next && !isElement(next)) next = next.nextSibling;
    if (!isW(next, 'p')) continue;
    const anchor = wChild(next, 'pPr')?.nextSibling ?? next.firstChild;
    for (const child of [...elementChildren(paragraph)]) {
      if (isW(child, 'pPr')) continue;
      next.insertBefore(child, anchor);
    }
    paragraph.parentNode.removeChild(paragraph);
  }
  return new XMLSerializer().serializeToString(document);
}
