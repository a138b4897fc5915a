import MarkdownIt from 'markdown-it';
import { readHtml } from './html';
import type { ImportedDocument } from './model';

/** Front matter (`title:` and `author:` between `---` lines), then CommonMark rendered and read as HTML. */
export function readMarkdown(source: string, fallbackTitle: string): ImportedDocument {
  let body = source.replace(/^\uFEFF/, '');
  const meta: Record<string, string> = {};
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(body);
  if (front) {
    body = body.slice(front[0].length);
    for (const line of front[1]!.split(/\r?\n/)) {
      const match = /^(\w+):\s*(.*)$/.exec(line);
      if (!match) continue;
      let value = match[2]!.trim();
      try {
        if (value.startsWith('"')) value = JSON.parse(value) as string;
      } catch {
        // A hand-written quote that is not JSON stays as written.
      }
      meta[match[1]!.toLowerCase()] = value;
    }
  }
  // A line of only "#" is a scene break in manuscripts, not an empty heading.
  body = body.replace(/^#[ \t]*$/gm, '* * *');
  const html = new MarkdownIt({ html: false, typographer: false }).render(body);
  const read = readHtml(`<body>${html}</body>`, fallbackTitle);
  // With a title in the front matter (our own export), a leading "#" is a part.
  const document = meta.title ? read : titleFromLeadingHeading(read);
  return { ...document, title: meta.title || document.title, author: meta.author ?? document.author };
}

/**
 * "# Title" opening a file whose chapters are "##" is the manuscript's title, not a part: it is
 * the only "#" heading and nothing comes before it. Files with several "#" headings keep their parts.
 */
function titleFromLeadingHeading(document: ImportedDocument): ImportedDocument {
  const [first, ...rest] = document.blocks;
  if (first?.type !== 'chapterHeading' || first.level !== 1) return document;
  const levels = rest.flatMap((block) => (block.type === 'chapterHeading' ? [block.level] : []));
  if (levels.includes(1) || !levels.includes(2)) return document;
  return { ...document, title: first.text, blocks: rest };
}
