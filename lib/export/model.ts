import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { readBinder, type BinderNode } from '../manuscript/binder';
import { withoutRepeatedChapterTitle } from '../manuscript/chapter-title';
import { countWords, type SuggestionView } from '../manuscript/word-count';

/** A run of text with its emphasis; `break` is a line break inside a paragraph. */
export type Run = { text: string; italic?: boolean; bold?: boolean } | { break: true };

export type Block =
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'heading'; runs: Run[] }
  | { type: 'blockquote'; paragraphs: Run[][] }
  | { type: 'sceneBreak' };

export interface ExportScene {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ExportChapter {
  id: string;
  title: string;
  /** The part this chapter opens, when it is the first chapter of a part. */
  partTitle?: string;
  scenes: ExportScene[];
}

export interface TitlePage {
  title: string;
  authorLegalName: string;
  byline: string;
  contactAddress: string;
  contactEmail: string;
  contactPhone: string;
  genre: string;
  runningHeadKeyword: string;
}

/** Everything a writer needs: format-neutral, built from the Y.Doc and the manuscript's settings. */
export interface ExportManuscript {
  titlePage: TitlePage;
  wordCount: number;
  chapters: ExportChapter[];
}

interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  marks?: { type: string }[];
  content?: PMNode[];
}

/**
 * A suggestion's text is kept or left out by `view` (suggested words out of the original, words
 * suggested for deletion out of the accepted text). This is the seam for tracked changes in DOCX:
 * a run would carry its suggestion's kind and author instead of being dropped.
 */
function runsOf(node: PMNode, view: SuggestionView): Run[] {
  const runs: Run[] = [];
  const dropped = view === 'original' ? 'insertion' : 'deletion';
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') runs.push({ break: true });
    else if (child.type === 'text' && child.text) {
      const marks = new Set((child.marks ?? []).map((mark) => mark.type));
      if (marks.has(dropped)) continue;
      const text = child.text.replaceAll('\u200B', '');
      if (text) runs.push({ text, ...(marks.has('italic') ? { italic: true } : {}), ...(marks.has('bold') ? { bold: true } : {}) });
    }
  }
  return runs;
}

function blocksOf(json: PMNode, view: SuggestionView): Block[] {
  const blocks: Block[] = [];
  for (const node of json.content ?? []) {
    const previous = blocks[blocks.length - 1];
    // A suggested paragraph break is not in the original text: the paragraph continues the one before.
    if (node.type === 'paragraph' && node.attrs?.suggestion && view === 'original' && previous?.type === 'paragraph') previous.runs.push(...runsOf(node, view));
    else if (node.type === 'paragraph') blocks.push({ type: 'paragraph', runs: runsOf(node, view) });
    else if (node.type === 'heading') blocks.push({ type: 'heading', runs: runsOf(node, view) });
    else if (node.type === 'sceneBreak') blocks.push({ type: 'sceneBreak' });
    else if (node.type === 'blockquote') blocks.push({ type: 'blockquote', paragraphs: (node.content ?? []).map((child) => runsOf(child, view)) });
  }
  // Empty paragraphs at the edges are editing leftovers, not prose.
  const isEmpty = (block: Block) => block.type === 'paragraph' && block.runs.every((run) => 'text' in run && run.text.trim() === '');
  while (blocks.length && isEmpty(blocks[0]!)) blocks.shift();
  while (blocks.length && isEmpty(blocks.at(-1)!)) blocks.pop();
  return blocks;
}

export function readScene(doc: Y.Doc, scene: BinderNode, view: SuggestionView = 'original'): ExportScene {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(sceneField(scene.id))) as PMNode;
  return { id: scene.id, title: scene.title, blocks: blocksOf(json, view) };
}

/**
 * The manuscript in reading order. Scenes outside any chapter form untitled chapters (a short
 * story is one); `chapterIds` narrows the export to chosen chapters.
 */
export function readManuscriptForExport(doc: Y.Doc, titlePage: TitlePage, options: { chapterIds?: string[]; suggestions?: SuggestionView } = {}): ExportManuscript {
  const view = options.suggestions ?? 'original';
  const binder = readBinder(doc);
  const chapters: ExportChapter[] = [];
  let loose: ExportChapter | null = null;
  const addChapter = (node: BinderNode, partTitle?: string) => {
    loose = null;
    const scenes = node.children.filter((c) => c.kind === 'scene').map((s) => readScene(doc, s, view));
    // The binder prints the chapter's title; a heading in the text that repeats it is printed once.
    if (scenes[0]) scenes[0] = { ...scenes[0], blocks: withoutRepeatedChapterTitle(scenes[0].blocks, node.title, blockText) };
    chapters.push({ id: node.id, title: node.title, ...(partTitle ? { partTitle } : {}), scenes });
  };
  for (const node of binder.roots) {
    if (node.kind === 'part') node.children.forEach((chapter, index) => addChapter(chapter, index === 0 ? node.title : undefined));
    else if (node.kind === 'chapter') addChapter(node);
    else {
      if (!loose) {
        loose = { id: node.id, title: '', scenes: [] };
        chapters.push(loose);
      }
      (loose as ExportChapter).scenes.push(readScene(doc, node, view));
    }
  }
  const chosen = options.chapterIds ? chapters.filter((chapter) => options.chapterIds!.includes(chapter.id)) : chapters;
  return { titlePage, wordCount: chosen.reduce((sum, chapter) => sum + countWords(chapterText(chapter)), 0), chapters: chosen };
}

/** A chapter's blocks with a scene break between consecutive scenes. */
export function chapterBlocks(chapter: ExportChapter): Block[] {
  const blocks: Block[] = [];
  chapter.scenes.forEach((scene, index) => {
    if (index > 0 && scene.blocks.length > 0 && blocks.length > 0 && blocks.at(-1)?.type !== 'sceneBreak') blocks.push({ type: 'sceneBreak' });
    blocks.push(...scene.blocks);
  });
  return blocks;
}

/** SMF's word count: nearest 100, or nearest 500 from 20,000 words up. */
export function roundedWordCount(words: number): number {
  const step = words >= 20_000 ? 500 : 100;
  return Math.max(step, Math.round(words / step) * step);
}

const blockText = (block: Block) => (block.type === 'paragraph' || block.type === 'heading' ? plainText(block.runs) : '');

export function plainText(runs: Run[]): string {
  return runs.map((run) => ('break' in run ? '\n' : run.text)).join('');
}

/** A chapter's prose as text, block by block (scene breaks contribute nothing), for counting. */
export function chapterText(chapter: ExportChapter): string {
  const lines: string[] = [];
  for (const scene of chapter.scenes) {
    for (const block of scene.blocks) {
      if (block.type === 'paragraph' || block.type === 'heading') lines.push(plainText(block.runs));
      else if (block.type === 'blockquote') lines.push(...block.paragraphs.map(plainText));
    }
  }
  return lines.join('\n');
}
