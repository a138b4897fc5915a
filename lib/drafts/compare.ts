import { diffWords } from 'diff';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { binderPlaceOf, readBinder, type Binder, type BinderNode } from '../manuscript/binder';
import { countWords } from '../manuscript/word-count';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/**
 * Stands for a scene break in compared text: a private-use character no writer types, a word of
 * its own for the diff and no word for the counts. The compare page draws it as a centred `#`.
 */
export const SCENE_BREAK_MARK = '\uE000';

export interface SceneComparison {
  id: string;
  title: string;
  chapter: string;
  status: 'added' | 'removed' | 'moved' | 'changed' | 'unchanged';
  /** Where a moved scene came from, when it changed chapter (absent when it moved within its chapter). */
  fromChapter?: string;
  parts: DiffPart[];
  wordsAdded: number;
  wordsCut: number;
}

export interface Comparison {
  scenes: SceneComparison[];
  summary: { added: number; removed: number; moved: number; changed: number; wordsAdded: number; wordsCut: number };
}

function chapterOf(binder: Binder, scene: BinderNode): string {
  const parent = scene.parentId ? binder.byId.get(scene.parentId) : undefined;
  return parent?.title ?? '';
}

/** A scene's prose block by block, one line each, with scene breaks as SCENE_BREAK_MARK lines. */
export function comparedSceneText(doc: Y.Doc, sceneId: string): string {
  const out: string[] = [];
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child.toString().replace(/<[^>]*>/g, ''));
      else if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'sceneBreak') out.push(SCENE_BREAK_MARK);
        else visit(child);
        out.push('\n');
      }
    }
  };
  visit(doc.getXmlFragment(sceneField(sceneId)));
  return out.join('');
}

/** Ids of every item in the binder's live tree (the trash excluded). */
function liveIds(binder: Binder): Set<string> {
  const ids = new Set<string>();
  const visit = (node: BinderNode) => {
    ids.add(node.id);
    node.children.forEach(visit);
  };
  binder.roots.forEach(visit);
  return ids;
}

interface State {
  doc: Y.Doc;
  binder: Binder;
  live: Set<string>;
}

/** The live children of a parent that are live under that same parent in the other state too, in order. */
function sharedSiblings(state: State, other: State, parentId: string | null): string[] {
  const children = parentId === null ? state.binder.roots : (state.binder.byId.get(parentId)?.children ?? []);
  return children.filter((child) => other.live.has(child.id) && other.binder.byId.get(child.id)?.parentId === parentId).map((child) => child.id);
}

/**
 * Whether a scene's place in the binder changed: another parent, or another order among the
 * siblings it shares with the other state. A scene whose stored place is untouched never moved,
 * however its neighbours were shuffled (so of two swapped scenes, the one dragged is the one moved).
 */
function hasMoved(before: State, after: State, id: string): boolean {
  const was = before.binder.byId.get(id)!;
  const now = after.binder.byId.get(id)!;
  if (was.parentId !== now.parentId) return true;
  const placeBefore = binderPlaceOf(before.doc, id);
  const placeAfter = binderPlaceOf(after.doc, id);
  if (placeBefore && placeAfter && placeBefore.parentId === placeAfter.parentId && placeBefore.order === placeAfter.order) return false;
  const oldOrder = sharedSiblings(before, after, was.parentId);
  const newOrder = sharedSiblings(after, before, now.parentId);
  const precedingBefore = new Set(oldOrder.slice(0, oldOrder.indexOf(id)));
  const precedingAfter = newOrder.slice(0, newOrder.indexOf(id));
  return precedingAfter.length !== precedingBefore.size || precedingAfter.some((sibling) => !precedingBefore.has(sibling));
}

/**
 * Compares two states of a manuscript scene by scene, matched by scene id: a moved scene shows as
 * moved (its words diffed too), never as removed and added. Words are diffed by the `diff` package.
 */
export function compareManuscripts(before: Y.Doc, after: Y.Doc): Comparison {
  const a = readBinder(before);
  const b = readBinder(after);
  const stateBefore: State = { doc: before, binder: a, live: liveIds(a) };
  const stateAfter: State = { doc: after, binder: b, live: liveIds(b) };
  const beforeIds = new Set(a.scenes.map((s) => s.id));
  const afterIds = new Set(b.scenes.map((s) => s.id));
  const scenes: SceneComparison[] = [];
  const diffScene = (oldText: string, newText: string) => {
    const parts: DiffPart[] = diffWords(oldText, newText).map((change) => ({
      kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
      text: change.value,
    }));
    const count = (kind: DiffPart['kind']) => parts.filter((p) => p.kind === kind).reduce((sum, p) => sum + countWords(p.text), 0);
    return { parts, wordsAdded: count('added'), wordsCut: count('removed') };
  };

  for (const scene of b.scenes) {
    const wasLive = beforeIds.has(scene.id);
    const diff = diffScene(wasLive ? comparedSceneText(before, scene.id) : '', comparedSceneText(after, scene.id));
    const chapter = chapterOf(b, scene);
    if (!wasLive) {
      scenes.push({ id: scene.id, title: scene.title, chapter, status: 'added', ...diff });
      continue;
    }
    const old = a.byId.get(scene.id)!;
    const moved = hasMoved(stateBefore, stateAfter, scene.id);
    const changed = diff.parts.some((p) => p.kind !== 'same');
    scenes.push({
      id: scene.id,
      title: scene.title,
      chapter,
      status: moved ? 'moved' : changed ? 'changed' : 'unchanged',
      ...(moved && old.parentId !== scene.parentId ? { fromChapter: chapterOf(a, old) } : {}),
      ...diff,
    });
  }
  for (const scene of a.scenes) {
    if (afterIds.has(scene.id)) continue;
    scenes.push({ id: scene.id, title: scene.title, chapter: chapterOf(a, scene), status: 'removed', ...diffScene(comparedSceneText(before, scene.id), '') });
  }
  const tally = (status: SceneComparison['status']) => scenes.filter((s) => s.status === status).length;
  return {
    scenes,
    summary: {
      added: tally('added'),
      removed: tally('removed'),
      moved: tally('moved'),
      changed: tally('changed') + scenes.filter((s) => s.status === 'moved' && s.parts.some((p) => p.kind !== 'same')).length,
      wordsAdded: scenes.reduce((sum, s) => sum + s.wordsAdded, 0),
      wordsCut: scenes.reduce((sum, s) => sum + s.wordsCut, 0),
    },
  };
}
