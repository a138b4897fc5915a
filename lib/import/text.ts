import type { Run } from '../export/model';
import { isSceneBreakText, type ImportedDocument } from './model';

/** `_words_` are italics in a typed manuscript. */
function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /_([^_\n]+)_/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index! > last) runs.push({ text: text.slice(last, match.index) });
    runs.push({ text: match[1]!, italic: true });
    last = match.index! + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from']);

/** "THE LIGHTHOUSE KEEPER" → "The Lighthouse Keeper": a typed title page's capitals, undone. */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(/(\s+)/)
    .map((word, index) => (index > 0 && MINOR_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

/**
 * Plain text: paragraphs apart by blank lines; a line underlined with `===` is a chapter, with
 * `***` a part; scene-break lines split scenes. A first line in capitals (and "by …") is the title.
 */
export function readText(source: string, fallbackTitle: string): ImportedDocument {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  let author = '';
  let start = 0;
  const first = lines[0]?.trim() ?? '';
  if (first && first === first.toUpperCase() && /\p{L}/u.test(first) && !/^[=*]+$/.test(lines[1]?.trim() ?? '')) {
    title = titleCase(first);
    start = 1;
    const by = /^by\s+(.+)$/i.exec(lines[1]?.trim() ?? '');
    if (by) {
      author = by[1]!;
      start = 2;
    }
  }
  const blocks: ImportedDocument['blocks'] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = paragraph.join(' ').trim();
    paragraph = [];
    if (!text) return;
    if (isSceneBreakText(text)) blocks.push({ type: 'sceneBreak' });
    else blocks.push({ type: 'paragraph', runs: runsOf(text) });
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]?.trim() ?? '';
    if (line.trim() && /^={3,}$/.test(next)) {
      flush();
      blocks.push({ type: 'chapterHeading', level: 2, text: line.trim() });
      i++;
    } else if (line.trim() && /^\*{3,}$/.test(next)) {
      flush();
      const text = line.trim();
      blocks.push({ type: 'chapterHeading', level: 1, text: text === text.toUpperCase() ? titleCase(text) : text });
      i++;
    } else if (!line.trim()) {
      flush();
    } else if (/^ {4}/.test(line)) {
      flush();
      blocks.push({ type: 'blockquote', paragraphs: [runsOf(line.trim())] });
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  // The closing END belongs to the format, not the story.
  const last = blocks.at(-1);
  if (last?.type === 'paragraph' && last.runs.length === 1 && 'text' in last.runs[0]! && last.runs[0].text === 'END') blocks.pop();
  return { title: title || fallbackTitle, author, blocks };
}
