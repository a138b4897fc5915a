import { chapterBlocks, type ExportManuscript, type Run } from './model';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function inlineHtml(runs: Run[]): string {
  return runs
    .map((run) => {
      if ('break' in run) return '<br/>';
      let html = escapeHtml(run.text);
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.italic) html = `<em>${html}</em>`;
      return html;
    })
    .join('');
}

/** The body of a chapter as XHTML-safe markup, shared by the HTML and EPUB writers. */
export function chapterBodyHtml(chapter: ExportManuscript['chapters'][number]): string {
  const parts: string[] = [];
  if (chapter.title) parts.push(`<h2>${escapeHtml(chapter.title)}</h2>`);
  let afterBreak = true;
  for (const block of chapterBlocks(chapter)) {
    if (block.type === 'sceneBreak') {
      parts.push('<p class="scene-break">#</p>');
      afterBreak = true;
      continue;
    }
    if (block.type === 'heading') parts.push(`<h3>${inlineHtml(block.runs)}</h3>`);
    else if (block.type === 'blockquote') parts.push(`<blockquote>${block.paragraphs.map((p) => `<p>${inlineHtml(p)}</p>`).join('')}</blockquote>`);
    else parts.push(`<p${afterBreak ? ' class="first"' : ''}>${inlineHtml(block.runs)}</p>`);
    afterBreak = false;
  }
  return parts.join('\n');
}

export const READING_CSS = `body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.6; color: #222; background: #fbfaf7; margin: 0; }
main { max-width: 34em; margin: 0 auto; padding: 3em 1.5em 6em; }
header.title-page { text-align: center; margin: 4em 0 6em; }
header.title-page h1 { font-weight: normal; font-size: 2.2em; margin: 0 0 0.5em; }
header.title-page .byline { font-style: italic; }
h2 { font-weight: normal; text-align: center; margin: 3em 0 1.5em; page-break-before: always; }
h1.part { font-weight: normal; text-align: center; margin: 3em 0 1em; page-break-before: always; text-transform: uppercase; letter-spacing: 0.2em; font-size: 1.1em; }
p { margin: 0; text-indent: 1.5em; }
p.first, h2 + p, h3 + p { text-indent: 0; }
p.scene-break { text-align: center; text-indent: 0; margin: 1em 0; }
blockquote { margin: 1em 2em; font-style: italic; }
blockquote p { text-indent: 0; }`;

/** A standalone HTML file, styled inline so it reads well offline. */
export function toHtml(manuscript: ExportManuscript): string {
  const { titlePage } = manuscript;
  const author = titlePage.byline || titlePage.authorLegalName;
  const body = manuscript.chapters
    .map((chapter) => `<section class="chapter">\n${chapter.partTitle ? `<h1 class="part">${escapeHtml(chapter.partTitle)}</h1>\n` : ''}${chapterBodyHtml(chapter)}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${escapeHtml(titlePage.title)}</title>
${author ? `<meta name="author" content="${escapeHtml(author)}"/>\n` : ''}<style>
${READING_CSS}
</style>
</head>
<body>
<main>
<header class="title-page"><h1>${escapeHtml(titlePage.title)}</h1>${author ? `<p class="byline">by ${escapeHtml(author)}</p>` : ''}</header>
${body}
</main>
</body>
</html>
`;
}
