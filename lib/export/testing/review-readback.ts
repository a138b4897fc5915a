import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { manuscriptExtensions } from '../../editor/extensions';
import { guestNameOf } from '../../editor/suggestions/guests';
import type { SuggestionAttrs } from '../../editor/suggestions/marks';
import { describeSuggestion, listSuggestions } from '../../editor/suggestions/review';
import { readBinder } from '../../manuscript/binder';

/**
 * A manuscript read back in the notation of `review-manuscript.ts`, writers by name: what must
 * survive a Word round trip, compared scene by scene.
 */

const schema = getSchema(manuscriptExtensions());
const ZERO_WIDTH_SPACE = '\u200B';

export const scenePM = (doc: Y.Doc, sceneId: string): PMNode => yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(sceneId)), schema);

/** A suggestion's writer by name: a guest's key carries it, a member's id is looked up. */
export const writerName = (author: string | null | undefined, nameOf: (userId: string) => string) => guestNameOf(author) ?? nameOf(author ?? '');

/**
 * A scene read back in the notation, with writers' names instead of keys: what must survive a
 * round trip (the words, italics, who suggested which words, paragraph breaks suggested or taken out).
 */
export function readScene(doc: Y.Doc, sceneId: string, nameOf: (userId: string) => string): string[] {
  const paragraphs: string[] = [];
  scenePM(doc, sceneId).forEach((paragraph) => {
    const suggested = paragraph.attrs.suggestion as SuggestionAttrs | null | undefined;
    let out = suggested ? `<split ${writerName(suggested.author, nameOf)}>` : '';
    let italic = false;
    let open: { close: string; id: string } | null = null;
    let join = '';
    paragraph.forEach((node, _offset, index) => {
      const mark = node.marks.find((each) => each.type.name === 'insertion' || each.type.name === 'deletion');
      const attrs = mark?.attrs as SuggestionAttrs | undefined;
      const text = (node.text ?? '').replaceAll(ZERO_WIDTH_SPACE, '');
      if (!text) {
        // A join's marker at the paragraph's end: said once, after the words.
        if (mark?.type.name === 'deletion' && index > 0 && index === paragraph.childCount - 1) join = `<join ${writerName(attrs!.author, nameOf)}>`;
        return;
      }
      // A bracket closes, italics end, a bracket opens, italics begin: the order the notation is written in.
      const id = mark ? `${mark.type.name}:${attrs!.id}` : null;
      const isItalic = node.marks.some((each) => each.type.name === 'italic');
      if (open && open.id !== id) {
        out += open.close;
        open = null;
      }
      if (italic && !isItalic) out += '_';
      if (mark && !open) {
        const insertion = mark.type.name === 'insertion';
        out += `${insertion ? '{+' : '[-'}${writerName(attrs!.author, nameOf)}:`;
        open = { close: insertion ? '+}' : '-]', id: id! };
      }
      if (!italic && isItalic) out += '_';
      italic = isItalic;
      out += text;
    });
    if (open) out += (open as { close: string }).close;
    if (italic) out += '_';
    paragraphs.push(out + join);
  });
  return paragraphs;
}

/** Every scene of a manuscript read back, with its chapter: `[chapter, scene, paragraphs]`. */
export function readManuscript(doc: Y.Doc, nameOf: (userId: string) => string): Array<{ chapter: string; scenes: string[][] }> {
  return readBinder(doc).roots.map((chapter) => ({ chapter: chapter.title, scenes: chapter.children.filter((node) => node.kind === 'scene').map((scene) => readScene(doc, scene.id, nameOf)) }));
}

/** Every suggestion as its card says it: `[writer, what, time]`, scene by scene in reading order. */
export function readSuggestions(doc: Y.Doc, nameOf: (userId: string) => string): Array<[string, string, number]> {
  return readBinder(doc).scenes.flatMap((scene) => listSuggestions(scenePM(doc, scene.id)).map((s): [string, string, number] => [writerName(s.author, nameOf), describeSuggestion(s), s.time]));
}
