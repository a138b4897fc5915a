import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { DocxReviewError, type DocxLimits } from './limits';

/** WordprocessingML's namespaces: transitional (what Word and LibreOffice write) and strict. */
export const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
export const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
export const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';

const ELEMENT_NODE = 1;

/**
 * Parses one part. A DOCX part never has a DOCTYPE, so one is refused outright (no entity tricks);
 * malformed XML is a clear error, never a crash.
 */
export function parseXml(text: string, part: string, limits: Pick<DocxLimits, 'maxElements'>): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new DocxReviewError(`The file’s ${part} declares entities, which a DOCX never does.`);
  // A rough count of elements before building a tree of them.
  let elements = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    if (++elements > limits.maxElements) throw new DocxReviewError(`The file’s ${part} is too large to read.`);
  }
  let problem: string | null = null;
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problem ??= message;
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new DocxReviewError(`The file’s ${part} is not well-formed XML (${firstLine((error as Error).message)}).`);
  }
  if (problem || !document.documentElement) throw new DocxReviewError(`The file’s ${part} is not well-formed XML (${firstLine(problem ?? 'empty')}).`);
  return document;
}

const firstLine = (message: string) => message.split('\n')[0]!.slice(0, 200);

export const isElement = (node: Node | null | undefined): node is Element => node?.nodeType === ELEMENT_NODE;

/** True for a WordprocessingML element with this local name. */
export const isW = (node: Node | null | undefined, name: string): node is Element => isElement(node) && node.localName === name && W_NAMESPACES.has(node.namespaceURI ?? '');

/** The local name of a WordprocessingML element, or null for anything else. */
export const wName = (node: Node | null | undefined): string | null => (isElement(node) && W_NAMESPACES.has(node.namespaceURI ?? '') ? node.localName : null);

export function elementChildren(element: Element): Element[] {
  const found: Element[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) if (isElement(child)) found.push(child);
  return found;
}

export function wChild(element: Element, name: string): Element | null {
  for (let child = element.firstChild; child; child = child.nextSibling) if (isW(child, name)) return child;
  return null;
}

/** A `w:` attribute (namespaced, or prefixed by a writer that forgot the namespace). */
export function wAttr(element: Element, name: string): string | null {
  for (const ns of W_NAMESPACES) {
    if (element.hasAttributeNS(ns, name)) return element.getAttributeNS(ns, name);
  }
  return element.getAttribute(`w:${name}`) || null;
}

export function attrNS(element: Element, ns: string, name: string, prefix: string): string | null {
  return element.hasAttributeNS(ns, name) ? element.getAttributeNS(ns, name) : element.getAttribute(`${prefix}:${name}`) || null;
}

/** `w:val` of an on/off property (`<w:i/>`, `<w:b w:val="0"/>`). */
export function isOn(property: Element | null): boolean {
  if (!property) return false;
  const value = wAttr(property, 'val');
  return value === null || !['0', 'false', 'off', 'none'].includes(value.toLowerCase());
}

/** An ISO date as Word writes it ("2026-11-20T10:00:00Z"), as ms since epoch; null when absent or nonsense. */
export function parseWordDate(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}
