import { chapterBlocks, type ExportManuscript, type Run } from './model';

/** Characters Markdown would read as syntax at the start of a line or inside text. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

function inline(runs: Run[]): string {
  return runs
    .map((run) => {
      if ('break' in run) return '  \n';
      // Emphasis markers must hug the text, so surrounding spaces stay outside them.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
      if (!core) return run.text;
      let body = escapeText(core!);
      if (run.bold) body = `**${body}**`;
      if (run.italic) body = `*${body}*`;
      return `${lead}${body}${trail}`;
    })
    .join('');
}

/** Markdown: YAML front matter for the title page, `#` per chapter, `* * *` between scenes. */
export function toMarkdown(manuscript: ExportManuscript): string {
  const { titlePage } = manuscript;
  const out: string[] = ['---', `title: ${JSON.stringify(titlePage.title)}`];
  if (titlePage.byline || titlePage.authorLegalName) out.push(`author: ${JSON.stringify(titlePage.byline || titlePage.authorLegalName)}`);
  out.push('---', '');
  for (const chapter of manuscript.chapters) {
    if (chapter.partTitle) out.push(`# ${escapeText(chapter.partTitle)}`, '');
    if (chapter.title) out.push(`## ${escapeText(chapter.title)}`, '');
    for (const block of chapterBlocks(chapter)) {
      if (block.type === 'sceneBreak') out.push('* * *', '');
      else if (block.type === 'heading') out.push(`### ${inline(block.runs)}`, '');
      else if (block.type === 'blockquote') out.push(block.paragraphs.map((p) => `> ${inline(p)}`).join('\n>\n'), '');
      else out.push(inline(block.runs), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
