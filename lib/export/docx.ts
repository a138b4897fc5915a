import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type IParagraphOptions,
} from 'docx';
import { chapterBlocks, roundedWordCount, type ExportManuscript, type Run } from './model';

export type SmfFont = 'modern' | 'classic';
export type PaperSize = 'letter' | 'a4';

export interface DocxOptions {
  font?: SmfFont;
  paper?: PaperSize;
}

/** Twentieths of a point: 1 inch = 1440. */
const INCH = 1440;
const PAPER = { letter: { width: 12240, height: 15840 }, a4: { width: 11906, height: 16838 } } as const;
const FONT = { modern: 'Times New Roman', classic: 'Courier New' } as const;
const DOUBLE = { line: 480, lineRule: LineRuleType.AUTO, before: 0, after: 0 };
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 };
const numberFormat = new Intl.NumberFormat('en');

function runsOf(runs: Run[]): TextRun[] {
  return runs.map((run) => ('break' in run ? new TextRun({ break: 1 }) : new TextRun({ text: run.text, italics: run.italic, bold: run.bold })));
}

const surnameOf = (name: string) => name.trim().split(/\s+/).pop() ?? '';

/** The running head's keyword: the writer's choice, else the title's first word that is not an article. */
export function runningHeadKeyword(title: string, chosen: string): string {
  if (chosen.trim()) return chosen.trim();
  const words = title.trim().split(/\s+/);
  return words.find((word) => !/^(the|a|an)$/i.test(word)) ?? words[0] ?? '';
}

/**
 * Standard Manuscript Format (William Shunn): 12 pt, 1-inch margins, contact block and rounded word
 * count on page one, title a third of the way down, double-spaced body with 0.5" first-line indents
 * from paragraph formatting, "Surname / Keyword / page" from page two, "#" scene breaks, each
 * chapter on a new page a third of the way down, and END.
 */
export async function toDocx(manuscript: ExportManuscript, options: DocxOptions = {}): Promise<Buffer> {
  const { titlePage } = manuscript;
  const paper = PAPER[options.paper ?? 'letter'];
  const textWidth = paper.width - 2 * INCH;
  const thirdDown = Math.round((paper.height - 2 * INCH) / 3);
  const legalName = titlePage.authorLegalName || titlePage.byline || 'Author';
  const byline = titlePage.byline || titlePage.authorLegalName;
  const contact = [legalName, ...titlePage.contactAddress.split('\n'), titlePage.contactEmail, titlePage.contactPhone].map((line) => line.trim()).filter(Boolean);
  const words = `about ${numberFormat.format(roundedWordCount(manuscript.wordCount))} words`;

  const body: Paragraph[] = [];
  // Page one, top: contact lines single-spaced on the left, the rounded count flush right on the first.
  contact.forEach((line, index) =>
    body.push(
      new Paragraph({
        style: 'SmfContact',
        spacing: SINGLE,
        tabStops: index === 0 ? [{ type: TabStopType.RIGHT, position: textWidth }] : undefined,
        children: index === 0 ? [new TextRun(line), new TextRun({ children: [new Tab(), words] })] : [new TextRun(line)],
      }),
    ),
  );
  const contactHeight = contact.length * 240;
  body.push(
    new Paragraph({ style: 'Title', alignment: AlignmentType.CENTER, spacing: { ...DOUBLE, before: Math.max(0, thirdDown - contactHeight) }, children: [new TextRun(titlePage.title)] }),
  );
  if (byline) body.push(new Paragraph({ style: 'SmfByline', alignment: AlignmentType.CENTER, spacing: { ...DOUBLE, before: 480 }, children: [new TextRun(`by ${byline}`)] }));

  manuscript.chapters.forEach((chapter, chapterIndex) => {
    const opensPage = chapterIndex > 0;
    const heading = (text: string, style: string, extra: Partial<IParagraphOptions> = {}) =>
      new Paragraph({ style, alignment: AlignmentType.CENTER, keepNext: true, spacing: DOUBLE, children: [new TextRun(text)], ...extra });
    if (chapter.partTitle) {
      body.push(heading(chapter.partTitle, 'Heading1', { pageBreakBefore: opensPage, spacing: { ...DOUBLE, before: opensPage ? thirdDown : 960 } }));
    }
    if (chapter.title) {
      const first = !chapter.partTitle;
      body.push(heading(chapter.title, 'Heading2', { pageBreakBefore: opensPage && first, spacing: { ...DOUBLE, before: first ? (opensPage ? thirdDown : 960) : 480 } }));
    }
    for (const block of chapterBlocks(chapter)) {
      if (block.type === 'sceneBreak') {
        body.push(new Paragraph({ style: 'SmfSceneBreak', alignment: AlignmentType.CENTER, spacing: DOUBLE, children: [new TextRun('#')] }));
        continue;
      }
      if (block.type === 'blockquote') {
        for (const paragraph of block.paragraphs) {
          body.push(new Paragraph({ style: 'SmfQuote', spacing: DOUBLE, indent: { left: INCH, right: INCH }, children: runsOf(paragraph) }));
        }
      } else {
        body.push(
          new Paragraph({
            style: block.type === 'heading' ? 'Heading3' : undefined,
            spacing: DOUBLE,
            indent: { firstLine: block.type === 'heading' ? 0 : INCH / 2 },
            alignment: block.type === 'heading' ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: runsOf(block.runs),
          }),
        );
      }
    }
  });
  body.push(new Paragraph({ style: 'SmfEnd', alignment: AlignmentType.CENTER, spacing: { ...DOUBLE, before: 480 }, children: [new TextRun('END')] }));

  const font = FONT[options.font ?? 'modern'];
  const plainHeading = (id: string, name: string) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font, size: 24, bold: false, color: '000000' },
    paragraph: { alignment: AlignmentType.CENTER, spacing: DOUBLE },
  });
  const document = new Document({
    creator: legalName,
    title: titlePage.title,
    description: `${manuscript.wordCount} words`,
    styles: {
      default: { document: { run: { font, size: 24 }, paragraph: { spacing: DOUBLE } } },
      paragraphStyles: [
        plainHeading('Title', 'Title'),
        plainHeading('Heading1', 'Heading 1'),
        plainHeading('Heading2', 'Heading 2'),
        plainHeading('Heading3', 'Heading 3'),
        { id: 'SmfContact', name: 'SMF Contact', basedOn: 'Normal', run: { font, size: 24 }, paragraph: { spacing: SINGLE } },
        { id: 'SmfByline', name: 'SMF Byline', basedOn: 'Normal', run: { font, size: 24 }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: 'SmfSceneBreak', name: 'SMF Scene Break', basedOn: 'Normal', run: { font, size: 24 }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: 'SmfQuote', name: 'SMF Quote', basedOn: 'Normal', run: { font, size: 24 } },
        { id: 'SmfEnd', name: 'SMF End', basedOn: 'Normal', run: { font, size: 24 }, paragraph: { alignment: AlignmentType.CENTER } },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: paper.width, height: paper.height }, margin: { top: INCH, bottom: INCH, left: INCH, right: INCH, header: INCH / 2, footer: INCH / 2 } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                spacing: SINGLE,
                children: [
                  new TextRun(`${surnameOf(byline || legalName)} / ${runningHeadKeyword(titlePage.title, titlePage.runningHeadKeyword)} / `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
