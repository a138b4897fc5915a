import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Header,
  InsertedTextRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type ICommentOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { chapterBlocks, roundedWordCount, type ExportManuscript, type ExportThread, type Revision, type Run } from './model';

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

/**
 * Word's numbers for a Review DOCX's annotations: each thread's comments (its first, then its
 * replies) in order, and every tracked change after them, so no two annotations share an id.
 */
class Annotations {
  private next = 0;
  private readonly byThread = new Map<number, number[]>();

  constructor(readonly threads: ExportThread[]) {
    for (const thread of threads) this.byThread.set(thread.key, thread.comments.map(() => this.next++));
  }

  /** A thread's comment ids: Word wants each reply on the same range as the comment it answers. */
  commentIds(key: number): number[] {
    return this.byThread.get(key) ?? [];
  }

  change(revision: Revision) {
    return { id: this.next++, author: revision.author, date: wordDate(revision.date) };
  }
}

/** Word writes revision dates to the second, in UTC. */
const wordDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const commentReference = (id: number) => new TextRun({ children: [new CommentReference(id)] });

function runsOf(runs: Run[], notes: Annotations): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  const each = (keys: number[] | undefined, add: (id: number) => void) => keys?.forEach((key) => notes.commentIds(key).forEach(add));
  for (const run of runs) {
    if ('break' in run) {
      children.push(new TextRun({ break: 1 }));
      continue;
    }
    // A thread whose words are gone: a comment on no text, just before this run.
    each(run.pins, (id) => children.push(new CommentRangeStart(id), new CommentRangeEnd(id), commentReference(id)));
    each(run.opens, (id) => children.push(new CommentRangeStart(id)));
    const text = { text: run.text, italics: run.italic, bold: run.bold };
    if (!run.revision) children.push(new TextRun(text));
    else if (run.revision.kind === 'insertion') children.push(new InsertedTextRun({ ...text, ...notes.change(run.revision) }));
    else children.push(new DeletedTextRun({ ...text, ...notes.change(run.revision) }));
    each(run.closes, (id) => children.push(new CommentRangeEnd(id), commentReference(id)));
  }
  return children;
}

/** A suggested paragraph break (or join) as a revision of the paragraph's mark. */
const paragraphMarkOf = (revision: Revision | undefined, notes: Annotations): Pick<IParagraphOptions, 'run'> =>
  revision ? { run: { [revision.kind]: notes.change(revision) } } : {};

/** A comment's paragraph: a blank line in a comment starts a new paragraph, a single newline is a line break (as Word reads them back). */
const linesOf = (paragraph: string) => paragraph.split(/\r?\n/).map((line, index) => new TextRun({ text: line, ...(index > 0 ? { break: 1 } : {}) }));

/**
 * Every thread's comments for comments.xml: replies name their first comment as parent (Word's
 * threads, commentsExtended.xml), each with its own author, initials and date.
 */
function commentsOf(notes: Annotations): ICommentOptions[] {
  return notes.threads.flatMap((thread) => {
    const ids = notes.commentIds(thread.key);
    return thread.comments.map((comment, index) => {
      const paragraphs = comment.text.split(/\r?\n[\t ]*\r?\n/);
      if (index === 0 && thread.detachedQuote !== undefined) paragraphs.unshift(`On words not in this copy: “${thread.detachedQuote}”`);
      return {
        id: ids[index]!,
        author: comment.author,
        initials: comment.initials,
        date: comment.date,
        // The library writes commentsExtended.xml (threads and "done") only when some comment has a
        // parent; a null parent on a first comment turns it on without naming one.
        parentId: (index === 0 ? null : ids[0]) as number,
        resolved: thread.resolved,
        children: paragraphs.map((paragraph) => new Paragraph({ children: linesOf(paragraph) })),
      };
    });
  });
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
  const notes = new Annotations(manuscript.threads ?? []);

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
          body.push(new Paragraph({ style: 'SmfQuote', spacing: DOUBLE, indent: { left: INCH, right: INCH }, children: runsOf(paragraph, notes) }));
        }
      } else {
        body.push(
          new Paragraph({
            style: block.type === 'heading' ? 'Heading3' : undefined,
            spacing: DOUBLE,
            indent: { firstLine: block.type === 'heading' ? 0 : INCH / 2 },
            alignment: block.type === 'heading' ? AlignmentType.CENTER : AlignmentType.LEFT,
            ...(block.type === 'paragraph' ? paragraphMarkOf(block.paragraphMark, notes) : {}),
            children: runsOf(block.runs, notes),
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
    ...(notes.threads.length > 0 ? { comments: { children: commentsOf(notes) } } : {}),
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
