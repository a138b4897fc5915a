import { chapterBlocks, type ExportManuscript, type Run } from './model';

/** Plain text keeps italics the way typed manuscripts always have: _between underscores_. */
function inline(runs: Run[]): string {
  return runs.map((run) => ('break' in run ? '\n' : run.italic && run.text.trim() ? `_${run.text}_` : run.text)).join('');
}

const underline = (title: string, char: string) => `${title}\n${char.repeat(Math.max(3, [...title].length))}`;

/** Plain text: the title, chapters underlined with `=`, paragraphs apart by blank lines, `#` between scenes. */
export function toText(manuscript: ExportManuscript): string {
  const { titlePage } = manuscript;
  const author = titlePage.byline || titlePage.authorLegalName;
  const out: string[] = [titlePage.title.toUpperCase()];
  if (author) out.push(`by ${author}`);
  out.push('');
  for (const chapter of manuscript.chapters) {
    out.push('');
    if (chapter.partTitle) out.push(underline(chapter.partTitle.toUpperCase(), '*'), '');
    if (chapter.title) out.push(underline(chapter.title, '='), '');
    for (const block of chapterBlocks(chapter)) {
      if (block.type === 'sceneBreak') out.push('#', '');
      else if (block.type === 'blockquote') out.push(block.paragraphs.map((p) => `    ${inline(p)}`).join('\n'), '');
      else out.push(inline(block.runs), '');
    }
  }
  out.push('', 'END');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
