import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { readScenes } from './binder';

/**
 * A word is a run of letters or digits, joined by apostrophes, hyphens or periods inside it, so
 * "don't", "well-known" and "U.S." count once; em and en dashes, slashes and ellipses separate.
 */
const WORD = /[\p{L}\p{N}]+(?:['’\-‐.][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * How suggestions (Suggesting mode) are read: the text as it was before them (`original`, what
 * exports use by default) or as if every one were accepted.
 */
export type SuggestionView = 'original' | 'accepted';

/** Collects a scene's prose, block by block; scene breaks contribute nothing. */
function fragmentText(fragment: Y.XmlFragment | Y.XmlElement, out: string[], view: SuggestionView): void {
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
        if (typeof op.insert !== 'string') continue;
        if (op.attributes?.[view === 'original' ? 'insertion' : 'deletion']) continue;
        out.push(op.insert.replaceAll('\u200B', ''));
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'sceneBreak') continue;
      fragmentText(child, out, view);
      out.push('\n');
    }
  }
}

export function sceneText(doc: Y.Doc, sceneId: string, view: SuggestionView = 'original'): string {
  const out: string[] = [];
  fragmentText(doc.getXmlFragment(sceneField(sceneId)), out, view);
  return out.join('');
}

export function countSceneWords(doc: Y.Doc, sceneId: string, view: SuggestionView = 'original'): number {
  return countWords(sceneText(doc, sceneId, view));
}

export function countManuscriptWords(doc: Y.Doc, view: SuggestionView = 'original'): number {
  return readScenes(doc).reduce((total, scene) => total + countSceneWords(doc, scene.id, view), 0);
}
