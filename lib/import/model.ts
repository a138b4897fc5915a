import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { manuscriptExtensions } from '../editor/extensions';
import type { Block, Run } from '../export/model';
import { addBinderItem } from '../manuscript/binder';

/** What every reader produces: a title and a flat list of blocks with headings; structure comes next. */
export interface ImportedDocument {
  title: string;
  author: string;
  /** Level 1 and 2 headings mark parts and chapters; other blocks are prose. */
  blocks: (Block | { type: 'chapterHeading'; level: 1 | 2; text: string })[];
}

export interface ImportedManuscript {
  title: string;
  author: string;
  parts: { title: string | null; chapters: { title: string; scenes: Block[][] }[] }[];
}

// One rule for what a scene-break line is, shared with pasting in the editor.
export { isSceneBreakText } from '../editor/scene-break';

/**
 * Chapters from headings (with two heading levels, the upper one marks parts) and scenes split at
 * scene breaks. Prose before the first heading becomes an untitled first chapter.
 */
export function structure(document: ImportedDocument): ImportedManuscript {
  const levels = new Set(document.blocks.flatMap((block) => (block.type === 'chapterHeading' ? [block.level] : [])));
  const partLevel = levels.has(1) && levels.has(2) ? 1 : null;
  const parts: ImportedManuscript['parts'] = [{ title: null, chapters: [] }];
  let chapter: { title: string; scenes: Block[][] } | null = null;
  const currentScene = () => {
    if (!chapter) {
      chapter = { title: '', scenes: [[]] };
      parts.at(-1)!.chapters.push(chapter);
    }
    return chapter.scenes.at(-1)!;
  };
  for (const block of document.blocks) {
    if (block.type === 'chapterHeading') {
      if (block.level === partLevel) {
        parts.push({ title: block.text, chapters: [] });
        chapter = null;
      } else {
        chapter = { title: block.text, scenes: [[]] };
        parts.at(-1)!.chapters.push(chapter);
      }
    } else if (block.type === 'sceneBreak') {
      if (currentScene().length > 0) chapter!.scenes.push([]);
    } else {
      currentScene().push(block);
    }
  }
  for (const part of parts) {
    for (const each of part.chapters) {
      each.scenes = each.scenes.filter((scene) => scene.length > 0);
      if (each.scenes.length === 0) each.scenes.push([]);
    }
  }
  return { title: document.title, author: document.author, parts: parts.filter((part) => part.title !== null || part.chapters.length > 0) };
}

function runsToJson(runs: Run[]) {
  return runs
    .filter((run) => 'break' in run || run.text.length > 0)
    .map((run) =>
      'break' in run
        ? { type: 'hardBreak' }
        : { type: 'text', text: run.text, ...(run.italic || run.bold ? { marks: [...(run.italic ? [{ type: 'italic' }] : []), ...(run.bold ? [{ type: 'bold' }] : [])] } : {}) },
    );
}

function blockToJson(block: Block) {
  if (block.type === 'sceneBreak') return { type: 'sceneBreak' };
  if (block.type === 'heading') return { type: 'heading', attrs: { level: 1 }, content: runsToJson(block.runs) };
  if (block.type === 'blockquote') return { type: 'blockquote', content: block.paragraphs.map((p) => ({ type: 'paragraph', content: runsToJson(p) })) };
  return { type: 'paragraph', content: runsToJson(block.runs) };
}

/** The new manuscript's Y.Doc as one update: binder, and each scene's text in its own fragment. */
export function encodeImportedManuscript(manuscript: ImportedManuscript): Uint8Array {
  const schema = getSchema(manuscriptExtensions());
  const doc = new Y.Doc();
  let sceneNumber = 0;
  for (const part of manuscript.parts) {
    const partId = part.title !== null ? addBinderItem(doc, { kind: 'part', title: part.title }) : null;
    part.chapters.forEach((chapter, index) => {
      const chapterId = addBinderItem(doc, { kind: 'chapter', title: chapter.title || (index === 0 && !partId ? 'Opening' : `Chapter ${index + 1}`), parentId: partId });
      for (const scene of chapter.scenes) {
        sceneNumber += 1;
        const sceneId = addBinderItem(doc, { kind: 'scene', title: `Scene ${sceneNumber}`, parentId: chapterId });
        const content = scene.length ? scene.map(blockToJson) : [{ type: 'paragraph' }];
        prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(sceneField(sceneId)));
      }
    });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
