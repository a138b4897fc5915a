import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { reviewThreads } from '../review/threads';
import { DOCX_LIMITS, DocxReviewError } from './limits';
import { readDocxReview } from './read';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', name)));
const texts = (paragraphs: Awaited<ReturnType<typeof readDocxReview>>['review']['body']['paragraphs']) =>
  paragraphs.map((p) => p.pieces.map((piece) => (piece.change ? `[${piece.change.kind === 'insertion' ? '+' : '-'}${piece.text}]` : piece.text)).join(''));

async function docxWith(parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentXml = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

describe('reading a DOCX marked up in Word', () => {
  it('reads the text with each tracked change, move and split, through links, smart tags, content controls and fields', async () => {
    const { review } = await readDocxReview(fixture('word-review.docx'));
    expect(texts(review.body.paragraphs)).toEqual([
      'Chapter One',
      'The storm [+finally ]broke over the harbour at dusk.',
      'She watched the boats come in, one by one, [-quiet and ]slow. Her hands were cold.',
      'Nobody on the quay said a word.',
      // The field's instruction (HYPERLINK …) is not text; its result is.
      'Past the mole, the lighthouse turned its slow beam.',
      '#',
      'Morning came grey and cold. [-The gulls were loud.]',
      '[+The gulls were loud. ]Ada walked down to the water. ',
      'She did not look back.',
    ]);
    const moved = review.body.paragraphs[6]!.pieces[1]!.change!;
    expect(moved).toMatchObject({ kind: 'deletion', author: 'Maria Rossi', moved: true, date: Date.parse('2026-11-20T10:10:00Z') });
    expect(review.body.paragraphs[7]!.mark).toMatchObject({ kind: 'insertion', author: 'Maria Rossi' });
    expect(review.body.paragraphs[0]!.style).toBe('Heading1');
  });

  it('reads comments with their authors, dates, replies (commentsExtended), done flags and emails (people.xml)', async () => {
    const { review } = await readDocxReview(fixture('word-review.docx'));
    expect(review.explicitReplies).toBe(true);
    expect(review.comments.map((c) => [c.id, c.author, c.email, c.parentId, c.done, c.text])).toEqual([
      ['0', 'Maria Rossi', null, null, false, 'Which harbour? Name it.'],
      ['1', 'Ada Writer', 'ada@example.test', '0', false, 'Port Ellen. I will add it.'],
      ['2', 'Maria Rossi', null, null, true, 'This runs long; cut a line?'],
      ['3', 'Maria Rossi', null, null, false, 'Lovely image.'],
      ['4', 'Maria Rossi', null, null, false, 'Good ending for the scene.'],
    ]);
    // A range across two paragraphs, and a comment with only its reference mark.
    expect(review.body.comments.get('2')).toMatchObject({ start: { paragraph: 2, offset: 59 }, end: { paragraph: 3, offset: 30 } });
    expect(review.body.comments.get('3')).toEqual({ reference: { paragraph: 4, offset: 51 } });
    const threads = reviewThreads(review.comments, review.body.comments, { explicitReplies: true });
    expect(threads.map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
      ['0', ['1']],
      ['2', []],
      ['3', []],
      ['4', []],
    ]);
  });

  it('gives mammoth the text as it was before the editor’s changes', async () => {
    const read = await readDocxReview(fixture('word-review.docx'));
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await read.originalDocx()) });
    const lines = value.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'Chapter One',
      'The storm broke over the harbour at dusk.',
      'She watched the boats come in, one by one, quiet and slow. Her hands were cold.',
      'Nobody on the quay said a word.',
      'Past the mole, the lighthouse turned its slow beam.',
      '#',
      'Morning came grey and cold. The gulls were loud.',
      'Ada walked down to the water. She did not look back.',
    ]);
  });
});

describe('reading a DOCX made by LibreOffice', () => {
  it('reads its tracked changes, its split paragraph and its comments, and threads a reply kept on the same words', async () => {
    const { review } = await readDocxReview(fixture('libreoffice-review.docx'));
    expect(texts(review.body.paragraphs).slice(1, 3)).toEqual(['The storm [+finally ]broke over the harbour at dusk.', 'She watched the boats come in, one by one, [-quiet and ]slow. Her hands were cold.']);
    expect(review.body.paragraphs[7]!.mark?.kind).toBe('insertion');
    expect(review.explicitReplies).toBe(false);
    const threads = reviewThreads(review.comments, review.body.comments, { explicitReplies: false });
    expect(threads.map((t) => [t.root.author, t.root.text, t.replies.map((r) => `${r.author}: ${r.text}`)])).toEqual([
      ['Maria Rossi', 'Which harbour? Name it.', ['Ada Writer: Port Ellen. I will add it.']],
      ['Maria Rossi', 'This runs long; cut a line?', []],
      ['Maria Rossi', 'Lovely image.', []],
      ['Maria Rossi', 'Good ending for the scene.', []],
    ]);
  });
});

describe('a Review DOCX that LibreOffice saved again', () => {
  it('threads replies by place: its commentsExtended.xml lists only the done comments and no parents', async () => {
    const { review } = await readDocxReview(fixture('libreoffice-round-trip.docx'));
    expect(review.explicitReplies).toBe(false);
    const threads = reviewThreads(review.comments, review.body.comments, { explicitReplies: false });
    expect([review.comments.length, threads.length]).toEqual([28, 20]);
    expect(threads.find((thread) => thread.root.text === 'From whom?')!.replies.map((reply) => `${reply.author}: ${reply.text}`)).toEqual(['Ada Lovelace: Answered in the next line.', 'Ben Okafor: So it is.']);
  });

  it('reads a page break as layout, not as a line of text', async () => {
    const { review } = await readDocxReview(await docxWith({ 'word/document.xml': documentXml('<w:p><w:r><w:t>Keep the light burning.</w:t><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:t>One</w:t><w:br/><w:t>two</w:t></w:r></w:p>') }));
    expect(texts(review.body.paragraphs)).toEqual(['Keep the light burning.', 'One\ntwo']);
  });
});

describe('a damaged or hostile file', () => {
  const refused = (bytes: Uint8Array | Promise<Uint8Array>, message: RegExp, limits = DOCX_LIMITS) =>
    expect(Promise.resolve(bytes).then((b) => readDocxReview(b, limits))).rejects.toThrow(expect.objectContaining({ name: DocxReviewError.name, message: expect.stringMatching(message) }));

  it('says so when it is not a zip, or has no document', async () => {
    await refused(new TextEncoder().encode('just some text'), /not a DOCX/);
    await refused(docxWith({ 'word/other.xml': '<a/>' }), /no document text/);
  });

  it('stops inflating a zip bomb at the cap, without reading it all', async () => {
    const bomb = await docxWith({ 'word/document.xml': documentXml(`<w:p><w:r><w:t>${'a'.repeat(5_000_000)}</w:t></w:r></w:p>`) });
    expect(bomb.byteLength).toBeLessThan(50_000);
    await refused(bomb, /too large to read/, { ...DOCX_LIMITS, maxPartBytes: 1_000_000 });
  });

  it('refuses too many parts, paragraphs, comments or elements', async () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`junk/${i}.xml`, '<a/>']));
    await refused(docxWith({ ...many, 'word/document.xml': documentXml('') }), /parts/, { ...DOCX_LIMITS, maxEntries: 20 });
    const paragraphs = documentXml('<w:p/>'.repeat(50));
    await refused(docxWith({ 'word/document.xml': paragraphs }), /more than 10 paragraphs/, { ...DOCX_LIMITS, maxParagraphs: 10 });
    await refused(docxWith({ 'word/document.xml': paragraphs }), /too large/, { ...DOCX_LIMITS, maxElements: 20 });
    const comments = `<w:comments ${W}>${'<w:comment w:id="1"><w:p/></w:comment>'.repeat(5)}</w:comments>`;
    await refused(docxWith({ 'word/document.xml': documentXml(''), 'word/comments.xml': comments }), /more than 3 comments/, { ...DOCX_LIMITS, maxComments: 3 });
  });

  it('refuses entity declarations and malformed XML with a clear message', async () => {
    await refused(docxWith({ 'word/document.xml': `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document ${W}><w:body/></w:document>` }), /declares entities/);
    await refused(docxWith({ 'word/document.xml': `<w:document ${W}><w:body><w:p></w:body>` }), /not well-formed XML/);
    await refused(docxWith({ 'word/document.xml': documentXml(''), 'word/comments.xml': '<w:comments' }), /comments.xml is not well-formed/);
  });

  it('reads what it can of odd but valid files: no comments part, comment ids it never heard of, replies in a loop', async () => {
    const loop = `<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="A1" w15:paraIdParent="B2"/><w15:commentEx w15:paraId="B2" w15:paraIdParent="A1"/></w15:commentsEx>`;
    const comments = `<w:comments ${W} xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:comment w:id="1" w:author="A"><w:p w14:paraId="A1"><w:r><w:t>one</w:t></w:r></w:p></w:comment><w:comment w:id="2" w:author="B"><w:p w14:paraId="B2"><w:r><w:t>two</w:t></w:r></w:p></w:comment></w:comments>`;
    const { review } = await readDocxReview(
      await docxWith({ 'word/document.xml': documentXml('<w:p><w:commentRangeStart w:id="9"/><w:r><w:t>text</w:t></w:r></w:p>'), 'word/comments.xml': comments, 'word/commentsExtended.xml': loop }),
    );
    expect(review.comments.filter((comment) => comment.parentId === null).length).toBeGreaterThan(0);
    expect(reviewThreads(review.comments, review.body.comments, { explicitReplies: true }).length).toBeGreaterThan(0);
  });
});
