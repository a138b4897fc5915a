import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import type { Range } from '../comments/anchor';
import type { CommentThreadView } from '../comments/protocol';
import type { SuggestionAttrs } from '../editor/suggestions/marks';
import { readBinder, type BinderNode } from '../manuscript/binder';
import { withoutRepeatedChapterTitle } from '../manuscript/chapter-title';
import { countWords, type SuggestionView } from '../manuscript/word-count';
import { locateThreads, placeSceneThreads, revisionOf, type ExportThread, type LocatedThread, type Revision } from './threads';
import type { ManuscriptSettings } from '../storage/records';

export type { ExportComment, ExportThread, Revision } from './threads';

/**
 * A run of text with its emphasis; `break` is a line break inside a paragraph. For a Review DOCX a
 * text run may carry a tracked change, and the threads (by `ExportThread.key`) whose passage starts
 * at it (`opens`), ends with it (`closes`), or, no longer in the text, is pinned before it (`pins`).
 */
export type Run = { text: string; italic?: boolean; bold?: boolean; revision?: Revision; opens?: number[]; closes?: number[]; pins?: number[] } | { break: true };
export type TextRun = Extract<Run, { text: string }>;

export type Block =
  /** `paragraphMark`: the break after this paragraph is a suggestion (inserted: a split; deleted: a join). */
  | { type: 'paragraph'; runs: Run[]; paragraphMark?: Revision }
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

/** What a title page and running head print: the manuscript's settings without the goal. */
export type TitlePage = Omit<ManuscriptSettings, 'targetWords' | 'deadline'>;

/** Everything a writer needs: format-neutral, built from the Y.Doc and the manuscript's settings. */
export interface ExportManuscript {
  titlePage: TitlePage;
  wordCount: number;
  chapters: ExportChapter[];
  /** The comment threads placed on the text (a Review DOCX), indexed by their key. */
  threads?: ExportThread[];
}

/**
 * How suggestions are read: left out (`original`), taken in (`accepted`), or kept with who proposed
 * them as tracked changes (`tracked`, a Review DOCX).
 */
export type ChangesView = SuggestionView | 'tracked';

export interface ReadOptions {
  chapterIds?: string[];
  suggestions?: ChangesView;
  /** The manuscript's threads, already chosen (see `threadsToExport`), to place on the text. */
  threads?: CommentThreadView[];
  /** A writer's name from their id, for tracked changes. */
  nameOf?: (userId: string | null) => string;
}

interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PMNode[];
}

const ZERO_WIDTH_SPACE = '\u200B';

/** How one scene is read: the view, writers' names, where runs must split (thread ends), and where each run came from. */
interface SceneReading {
  view: ChangesView;
  nameOf: (userId: string | null) => string;
  /** ProseMirror positions a run may not straddle, ascending. */
  cuts: number[];
  spans: WeakMap<Run, Range>;
}

/** A node's size in ProseMirror positions. */
function nodeSize(node: PMNode): number {
  if (node.type === 'text') return node.text?.length ?? 0;
  if (!node.content) return node.type === 'paragraph' || node.type === 'heading' || node.type === 'blockquote' ? 2 : 1;
  return 2 + node.content.reduce((sum, child) => sum + nodeSize(child), 0);
}

const markOf = (node: PMNode, type: string) => node.marks?.find((mark) => mark.type === type);

/**
 * A paragraph's runs; `start` is where its content begins. A suggestion's text is kept or left out
 * by the view (suggested words out of the original, words suggested for deletion out of the
 * accepted text), or kept as a tracked change with its writer and time.
 */
function runsOf(node: PMNode, start: number, reading: SceneReading): Run[] {
  const runs: Run[] = [];
  const dropped = reading.view === 'original' ? 'insertion' : reading.view === 'accepted' ? 'deletion' : null;
  let position = start;
  for (const child of node.content ?? []) {
    const from = position;
    position += nodeSize(child);
    if (child.type === 'hardBreak') runs.push({ break: true });
    if (child.type !== 'text' || !child.text) continue;
    if (dropped && markOf(child, dropped)) continue;
    const insertion = markOf(child, 'insertion');
    const deletion = markOf(child, 'deletion');
    const suggestion = insertion ?? deletion;
    const revision = reading.view === 'tracked' && suggestion ? revisionOf(insertion ? 'insertion' : 'deletion', suggestion.attrs as Partial<SuggestionAttrs>, reading.nameOf) : undefined;
    const marks = new Set((child.marks ?? []).map((mark) => mark.type));
    // Split where a thread's passage begins or ends, so a comment covers exactly its words.
    const edges = [from, ...reading.cuts.filter((cut) => cut > from && cut < position), position];
    for (let i = 0; i + 1 < edges.length; i++) {
      const text = child.text.slice(edges[i]! - from, edges[i + 1]! - from).replaceAll(ZERO_WIDTH_SPACE, '');
      if (!text) continue;
      const run: Run = { text, ...(marks.has('italic') ? { italic: true } : {}), ...(marks.has('bold') ? { bold: true } : {}), ...(revision ? { revision } : {}) };
      reading.spans.set(run, { from: edges[i]!, to: edges[i + 1]! });
      runs.push(run);
    }
  }
  return runs;
}

/** The writer and time of a join suggested at the end of this paragraph: the library's zero-width marker, marked deleted. */
function suggestedJoin(node: PMNode): Partial<SuggestionAttrs> | null {
  const last = node.content?.at(-1);
  const deletion = last && last.type === 'text' && last.text === ZERO_WIDTH_SPACE ? markOf(last, 'deletion') : undefined;
  return deletion ? ((deletion.attrs ?? {}) as Partial<SuggestionAttrs>) : null;
}

function blocksOf(json: PMNode, reading: SceneReading): Block[] {
  const blocks: Block[] = [];
  const { view } = reading;
  let position = 0;
  let joinPending: Partial<SuggestionAttrs> | null = null;
  for (const node of json.content ?? []) {
    const start = position + 1;
    position += nodeSize(node);
    const previous = blocks[blocks.length - 1];
    const joinBefore = joinPending;
    joinPending = node.type === 'paragraph' ? suggestedJoin(node) : null;
    const split = node.type === 'paragraph' ? (node.attrs?.suggestion as Partial<SuggestionAttrs> | null | undefined) : null;
    if (node.type === 'paragraph' && previous?.type === 'paragraph') {
      // A suggested paragraph break is not in the original text, and a suggested join is taken in when accepted: the paragraph continues the one before.
      if ((split && view === 'original') || (joinBefore && view === 'accepted')) {
        previous.runs.push(...runsOf(node, start, reading));
        continue;
      }
      if (view === 'tracked' && (split || joinBefore)) previous.paragraphMark = revisionOf(split ? 'insertion' : 'deletion', split ?? joinBefore, reading.nameOf);
    }
    if (node.type === 'paragraph') blocks.push({ type: 'paragraph', runs: runsOf(node, start, reading) });
    else if (node.type === 'heading') blocks.push({ type: 'heading', runs: runsOf(node, start, reading) });
    else if (node.type === 'sceneBreak') blocks.push({ type: 'sceneBreak' });
    else if (node.type === 'blockquote') {
      const paragraphs: Run[][] = [];
      let inner = start;
      for (const child of node.content ?? []) {
        paragraphs.push(runsOf(child, inner + 1, reading));
        inner += nodeSize(child);
      }
      blocks.push({ type: 'blockquote', paragraphs });
    }
  }
  // Empty paragraphs at the edges are editing leftovers, not prose.
  const isEmpty = (block: Block) => block.type === 'paragraph' && block.runs.every((run) => 'text' in run && run.text.trim() === '');
  while (blocks.length && isEmpty(blocks[0]!)) blocks.shift();
  while (blocks.length && isEmpty(blocks.at(-1)!)) blocks.pop();
  return blocks;
}

const unnamed = () => 'A co-author';

function readSceneWith(doc: Y.Doc, scene: BinderNode, reading: Omit<SceneReading, 'cuts'>, threads: CommentThreadView[]): { scene: ExportScene; located: LocatedThread[] } {
  const fragment = doc.getXmlFragment(sceneField(scene.id));
  if (threads.length === 0) {
    const json = yXmlFragmentToProsemirrorJSON(fragment) as PMNode;
    return { scene: { id: scene.id, title: scene.title, blocks: blocksOf(json, { ...reading, cuts: [] }) }, located: [] };
  }
  // Threads' positions are ProseMirror positions in this document, so the runs are read from the same one.
  const { doc: pmDoc, located } = locateThreads(fragment, threads);
  const cuts = [...new Set(located.flatMap(({ range }) => (range ? [range.from, range.to] : [])))].sort((a, b) => a - b);
  return { scene: { id: scene.id, title: scene.title, blocks: blocksOf(pmDoc.toJSON() as PMNode, { ...reading, cuts }) }, located };
}

export function readScene(doc: Y.Doc, scene: BinderNode, view: ChangesView = 'original', nameOf: (userId: string | null) => string = unnamed): ExportScene {
  return readSceneWith(doc, scene, { view, nameOf, spans: new WeakMap() }, []).scene;
}

/** Every text run of a scene, in reading order. */
function textRunsOf(blocks: Block[]): TextRun[] {
  const runs: TextRun[] = [];
  const add = (list: Run[]) => list.forEach((run) => 'text' in run && runs.push(run));
  for (const block of blocks) {
    if (block.type === 'paragraph' || block.type === 'heading') add(block.runs);
    else if (block.type === 'blockquote') block.paragraphs.forEach(add);
  }
  return runs;
}

/**
 * The manuscript in reading order. Scenes outside any chapter form untitled chapters (a short
 * story is one); `chapterIds` narrows the export to chosen chapters. Given threads, each is placed
 * on the runs of its passage (see `placeSceneThreads`); threads in scenes not exported stay out.
 */
export function readManuscriptForExport(doc: Y.Doc, titlePage: TitlePage, options: ReadOptions = {}): ExportManuscript {
  const reading = { view: options.suggestions ?? 'original', nameOf: options.nameOf ?? unnamed, spans: new WeakMap<Run, Range>() };
  const threadsByScene = new Map<string, CommentThreadView[]>();
  for (const thread of options.threads ?? []) threadsByScene.set(thread.sceneId, [...(threadsByScene.get(thread.sceneId) ?? []), thread]);
  const located = new Map<string, LocatedThread[]>();
  const read = (scene: BinderNode) => {
    const result = readSceneWith(doc, scene, reading, threadsByScene.get(scene.id) ?? []);
    if (result.located.length > 0) located.set(scene.id, result.located);
    return result.scene;
  };
  const binder = readBinder(doc);
  const chapters: ExportChapter[] = [];
  let loose: ExportChapter | null = null;
  const addChapter = (node: BinderNode, partTitle?: string) => {
    loose = null;
    const scenes = node.children.filter((c) => c.kind === 'scene').map(read);
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
      (loose as ExportChapter).scenes.push(read(node));
    }
  }
  const chosen = options.chapterIds ? chapters.filter((chapter) => options.chapterIds!.includes(chapter.id)) : chapters;
  const manuscript: ExportManuscript = { titlePage, wordCount: chosen.reduce((sum, chapter) => sum + countWords(chapterText(chapter)), 0), chapters: chosen };
  if (options.threads) manuscript.threads = placeThreads(chosen, located, reading.spans);
  return manuscript;
}

/** Places every exported scene's threads in reading order; pins left over by empty scenes at the end go before the last run. */
function placeThreads(chapters: ExportChapter[], located: Map<string, LocatedThread[]>, spans: WeakMap<Run, Range>): ExportThread[] {
  const threads: ExportThread[] = [];
  const pending: number[] = [];
  let lastRun: TextRun | undefined;
  for (const scene of chapters.flatMap((chapter) => chapter.scenes)) {
    const runs = textRunsOf(scene.blocks);
    placeSceneThreads(runs, (run) => spans.get(run as Run), located.get(scene.id) ?? [], threads, pending);
    lastRun = runs.at(-1) ?? lastRun;
  }
  if (pending.length > 0 && lastRun) (lastRun.pins ??= []).push(...pending);
  // With no text at all there is nowhere to put a comment.
  return lastRun ? threads : [];
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

/** The words the writer has, without words only suggested (tracked insertions), for counting. */
const countedText = (runs: Run[]) => plainText(runs.filter((run) => !('text' in run) || run.revision?.kind !== 'insertion'));

/** A chapter's prose as text, block by block (scene breaks contribute nothing), for counting. */
export function chapterText(chapter: ExportChapter): string {
  const lines: string[] = [];
  for (const scene of chapter.scenes) {
    for (const block of scene.blocks) {
      if (block.type === 'paragraph' || block.type === 'heading') lines.push(countedText(block.runs));
      else if (block.type === 'blockquote') lines.push(...block.paragraphs.map(countedText));
    }
  }
  return lines.join('\n');
}
