import path from 'node:path';
import PDFDocument from 'pdfkit';
import { runningHeadKeyword, type DocxOptions } from './docx';
import { chapterBlocks, roundedWordCount, type ExportManuscript, type Run } from './model';

/** Points: 72 to the inch. */
const INCH = 72;
const PAPER = { letter: [612, 792], a4: [595.28, 841.89] } as const;
const FONT_SIZE = 12;
const DOUBLE = 24;
const SINGLE = 14;

/**
 * The faces are embedded from npm packages, so a PDF looks the same on every machine: Tinos
 * (metric-compatible with Times New Roman) for Modern, Courier Prime for Classic.
 */
const FONT_FILES = {
  modern: { dir: '@expo-google-fonts/tinos', name: 'Tinos' },
  classic: { dir: '@expo-google-fonts/courier-prime', name: 'CourierPrime' },
} as const;

function fontPaths(font: 'modern' | 'classic') {
  const { dir, name } = FONT_FILES[font];
  const file = (style: string) => path.join(process.cwd(), 'node_modules', dir, style, `${name}_${style}.ttf`);
  return { regular: file('400Regular'), italic: file('400Regular_Italic'), bold: file('700Bold'), boldItalic: file('700Bold_Italic') };
}

const numberFormat = new Intl.NumberFormat('en');

/** The same Standard Manuscript Format layout as the DOCX, drawn with pdfkit. */
export function toPdf(manuscript: ExportManuscript, options: DocxOptions = {}): Promise<Buffer> {
  const { titlePage } = manuscript;
  const [width, height] = PAPER[options.paper ?? 'letter'];
  const fonts = fontPaths(options.font ?? 'modern');
  const legalName = titlePage.authorLegalName || titlePage.byline || 'Author';
  const byline = titlePage.byline || titlePage.authorLegalName;
  const surname = (byline || legalName).trim().split(/\s+/).pop() ?? '';
  const keyword = runningHeadKeyword(titlePage.title, titlePage.runningHeadKeyword);
  const textWidth = width - 2 * INCH;
  const thirdDown = INCH + (height - 2 * INCH) / 3;

  const doc = new PDFDocument({
    size: [width, height],
    margins: { top: INCH, bottom: INCH, left: INCH, right: INCH },
    info: { Title: titlePage.title, Author: legalName, Creator: 'Scriptorium' },
    autoFirstPage: true,
    bufferPages: true,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('italic', fonts.italic);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('boldItalic', fonts.boldItalic);
  doc.font('regular').fontSize(FONT_SIZE);
  const gap = (lineHeight: number) => lineHeight - doc.currentLineHeight();

  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  // Page one: contact lines single-spaced at the top left, the rounded count flush right.
  const contact = [legalName, ...titlePage.contactAddress.split('\n'), titlePage.contactEmail, titlePage.contactPhone].map((l) => l.trim()).filter(Boolean);
  doc.text(`about ${numberFormat.format(roundedWordCount(manuscript.wordCount))} words`, INCH, INCH, { width: textWidth, align: 'right', lineGap: gap(SINGLE) });
  doc.y = INCH;
  for (const line of contact) doc.text(line, INCH, doc.y, { width: textWidth, lineGap: gap(SINGLE) });
  doc.y = Math.max(doc.y, thirdDown);
  doc.text(titlePage.title, INCH, doc.y, { width: textWidth, align: 'center', lineGap: gap(DOUBLE) });
  if (byline) {
    doc.y += DOUBLE;
    doc.text(`by ${byline}`, { width: textWidth, align: 'center', lineGap: gap(DOUBLE) });
  }
  doc.y += DOUBLE;

  const fontFor = (run: { italic?: boolean; bold?: boolean }) => (run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular');
  const paragraph = (runs: Run[], options: { indent?: number; align?: 'left' | 'center'; margin?: number } = {}) => {
    const pieces = runs.flatMap((run) => ('break' in run ? [{ text: '\n' }] : run.text ? [run] : []));
    if (pieces.length === 0) pieces.push({ text: ' ' });
    const margin = options.margin ?? 0;
    doc.x = INCH + margin;
    pieces.forEach((piece, index) => {
      doc.font(fontFor(piece)).text(piece.text, {
        width: textWidth - 2 * margin,
        indent: index === 0 ? (options.indent ?? 0) : 0,
        align: options.align ?? 'left',
        lineGap: gap(DOUBLE),
        continued: index < pieces.length - 1,
      });
    });
    doc.font('regular');
  };
  const centred = (text: string) => paragraph([{ text }], { align: 'center' });

  manuscript.chapters.forEach((chapter, index) => {
    if (index > 0) {
      doc.addPage();
      doc.y = thirdDown;
    } else {
      doc.y += DOUBLE;
    }
    if (chapter.partTitle) {
      centred(chapter.partTitle);
      doc.y += DOUBLE;
    }
    if (chapter.title) centred(chapter.title);
    for (const block of chapterBlocks(chapter)) {
      if (block.type === 'sceneBreak') centred('#');
      else if (block.type === 'heading') paragraph(block.runs, { align: 'center' });
      else if (block.type === 'blockquote') block.paragraphs.forEach((runs) => paragraph(runs, { margin: INCH }));
      else paragraph(block.runs, { indent: INCH / 2 });
    }
  });
  doc.y += DOUBLE;
  centred('END');

  // Running head from page two: "Surname / Keyword / page", flush right in the top margin.
  const range = doc.bufferedPageRange();
  for (let page = range.start + 1; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    doc.font('regular').text(`${surname} / ${keyword} / ${page + 1}`, INCH, INCH / 2, { width: textWidth, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
