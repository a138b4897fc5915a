import type { DocxLimits } from './limits';
import type { DocxPackage } from './package';
import { elementChildren, parseXml } from './xml';

const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const STRICT_OFFICE_DOCUMENT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument';
const RELATED: Record<string, string[]> = {
  comments: ['http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments', 'http://purl.oclc.org/ooxml/officeDocument/relationships/comments'],
  commentsExtended: ['http://schemas.microsoft.com/office/2011/relationships/commentsExtended'],
  people: ['http://schemas.microsoft.com/office/2011/relationships/people'],
};

/** Where the parts the review reader needs live in this package (by its relationships, as Word finds them). */
export interface ReviewParts {
  document: string;
  documentRels: string;
  comments: string;
  commentsExtended: string;
  people: string;
}

function relationships(xml: string | null, part: string, limits: Pick<DocxLimits, 'maxElements'>): Array<{ type: string; target: string; external: boolean }> {
  if (!xml) return [];
  return elementChildren(parseXml(xml, part, limits).documentElement!)
    .filter((element) => element.localName === 'Relationship')
    .map((element) => ({ type: element.getAttribute('Type') ?? '', target: element.getAttribute('Target') ?? '', external: element.getAttribute('TargetMode') === 'External' }));
}

/** "word" + "../media/x.png" → "media/x.png"; a target starting with "/" is from the package root. */
function resolvePart(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

const dirname = (path: string) => path.split('/').slice(0, -1).join('/');

export async function findReviewParts(docx: DocxPackage, limits: Pick<DocxLimits, 'maxElements'>): Promise<ReviewParts> {
  const root = relationships(await docx.read('_rels/.rels'), '_rels/.rels', limits);
  const main = root.find((rel) => !rel.external && (rel.type === OFFICE_DOCUMENT || rel.type === STRICT_OFFICE_DOCUMENT));
  const document = main ? resolvePart('', main.target) : 'word/document.xml';
  const base = dirname(document);
  const documentRels = `${base ? `${base}/` : ''}_rels/${document.split('/').pop()}.rels`;
  const related = relationships(await docx.read(documentRels), documentRels, limits);
  const find = (kind: keyof typeof RELATED, fallback: string) => {
    const rel = related.find((candidate) => !candidate.external && RELATED[kind]!.includes(candidate.type));
    return rel ? resolvePart(base, rel.target) : `${base ? `${base}/` : ''}${fallback}`;
  };
  return { document, documentRels, comments: find('comments', 'comments.xml'), commentsExtended: find('commentsExtended', 'commentsExtended.xml'), people: find('people', 'people.xml') };
}
