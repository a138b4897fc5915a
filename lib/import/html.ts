import { HTMLElement, Node as HtmlNode, NodeType, parse } from 'node-html-parser';
import type { Run } from '../export/model';
import { isSceneBreakText, type ImportedDocument } from './model';

type Marks = { italic?: boolean; bold?: boolean };

function collectRuns(node: HtmlNode, marks: Marks, runs: Run[]): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    const text = node.text.replace(/\s+/g, ' ');
    if (text) runs.push({ text, ...(marks.italic ? { italic: true } : {}), ...(marks.bold ? { bold: true } : {}) });
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = node.rawTagName?.toLowerCase();
  if (tag === 'br') return void runs.push({ break: true });
  const next = { italic: marks.italic || tag === 'em' || tag === 'i', bold: marks.bold || tag === 'strong' || tag === 'b' };
  for (const child of node.childNodes) collectRuns(child, next, runs);
}

/** Merges neighbouring runs with the same emphasis and trims the paragraph's edges. */
function tidy(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && !('break' in last) && !('break' in run) && !!last.italic === !!run.italic && !!last.bold === !!run.bold) last.text += run.text;
    else merged.push({ ...run });
  }
  const first = merged[0];
  if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
  const end = merged.at(-1);
  if (end && 'text' in end) end.text = end.text.replace(/\s+$/, '');
  return merged.filter((run) => 'break' in run || run.text.length > 0);
}

function runsOf(element: HTMLElement): Run[] {
  const runs: Run[] = [];
  collectRuns(element, {}, runs);
  return tidy(runs);
}

const textOf = (runs: Run[]) => runs.map((run) => ('break' in run ? '\n' : run.text)).join('');

/** HTML (our own export, mammoth's DOCX output, rendered Markdown, or a web page) into blocks. */
export function readHtml(html: string, fallbackTitle: string): ImportedDocument {
  const root = parse(html, { blockTextElements: { script: false, style: false, pre: true } });
  let title = root.querySelector('header.title-page h1')?.text.trim() || root.querySelector('title')?.text.trim() || '';
  const author = root.querySelector('meta[name="author"]')?.getAttribute('content') ?? '';
  const blocks: ImportedDocument['blocks'] = [];

  const walk = (element: HTMLElement) => {
    for (const child of element.childNodes) {
      if (!(child instanceof HTMLElement)) {
        const text = child.text.trim();
        if (text) blocks.push({ type: 'paragraph', runs: [{ text }] });
        continue;
      }
      const tag = child.rawTagName?.toLowerCase();
      if (tag === 'header' && child.classList.contains('title-page')) continue;
      if (tag === 'h1' && child.classList.contains('title')) {
        title ||= child.text.trim();
        continue;
      }
      if (tag === 'h1' || tag === 'h2') {
        const text = child.text.trim();
        if (text) blocks.push({ type: 'chapterHeading', level: tag === 'h1' ? 1 : 2, text });
      } else if (tag && /^h[3-6]$/.test(tag)) {
        blocks.push({ type: 'heading', runs: runsOf(child) });
      } else if (tag === 'hr') {
        blocks.push({ type: 'sceneBreak' });
      } else if (tag === 'blockquote') {
        const paragraphs = child.querySelectorAll('p').map(runsOf).filter((runs) => runs.length > 0);
        blocks.push({ type: 'blockquote', paragraphs: paragraphs.length ? paragraphs : [runsOf(child)] });
      } else if (tag === 'p' || tag === 'li') {
        const runs = runsOf(child);
        if (runs.length === 0) continue;
        if (isSceneBreakText(textOf(runs))) blocks.push({ type: 'sceneBreak' });
        else blocks.push({ type: 'paragraph', runs });
      } else if (tag === 'script' || tag === 'style' || tag === 'head' || tag === 'title' || tag === 'meta') {
        continue;
      } else {
        walk(child);
      }
    }
  };
  walk(root.querySelector('body') ?? root);
  return { title: title || fallbackTitle, author, blocks };
}
