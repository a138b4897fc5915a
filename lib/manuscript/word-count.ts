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

/** Collects a scene's prose, block by block; scene breaks contribute nothing. */
function fragmentText(fragment: Y.XmlFragment | Y.XmlElement, out: string[]): void {
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) out.push(child.toString().replace(/<[^>]*>/g, ''));
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'sceneBreak') continue;
      fragmentText(child, out);
      out.push('\n');
    }
  }
}

export function sceneText(doc: Y.Doc, sceneId: string): string {
  const out: string[] = [];
  fragmentText(doc.getXmlFragment(sceneField(sceneId)), out);
  return out.join('');
}

export function countSceneWords(doc: Y.Doc, sceneId: string): number {
  return countWords(sceneText(doc, sceneId));
}

export function countManuscriptWords(doc: Y.Doc): number {
  return readScenes(doc).reduce((total, scene) => total + countSceneWords(doc, scene.id), 0);
}
