import { diffWords } from 'diff';
import type * as Y from 'yjs';
import { readBinder, type Binder, type BinderNode } from '../manuscript/binder';
import { countWords, sceneText } from '../manuscript/word-count';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export interface SceneComparison {
  id: string;
  title: string;
  chapter: string;
  status: 'added' | 'removed' | 'moved' | 'changed' | 'unchanged';
  /** Where a moved scene came from. */
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

/** Scene ids in `order` that keep their relative order in `other` (longest common subsequence). */
function stayingInOrder(order: string[], other: string[]): Set<string> {
  const n = order.length;
  const m = other.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = order[i] === other[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const keep = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (order[i] === other[j]) {
      keep.add(order[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

/**
 * Compares two states of a manuscript scene by scene, matched by scene id: a moved scene shows as
 * moved (its words diffed too), never as removed and added. Words are diffed by the `diff` package.
 */
export function compareManuscripts(before: Y.Doc, after: Y.Doc): Comparison {
  const a = readBinder(before);
  const b = readBinder(after);
  const beforeIds = a.scenes.map((s) => s.id);
  const afterIds = b.scenes.map((s) => s.id);
  // Scenes that changed chapter have moved; among the rest, those out of their old order moved too.
  const sameChapter = (id: string) => a.byId.get(id)?.parentId === b.byId.get(id)?.parentId;
  const stayed = afterIds.filter((id) => beforeIds.includes(id) && sameChapter(id));
  const inOrder = stayingInOrder(
    beforeIds.filter((id) => stayed.includes(id)),
    stayed,
  );
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
    const old = a.byId.get(scene.id);
    const wasLive = old !== undefined && beforeIds.includes(scene.id);
    const diff = diffScene(wasLive ? sceneText(before, scene.id) : '', sceneText(after, scene.id));
    const chapter = chapterOf(b, scene);
    if (!wasLive) {
      scenes.push({ id: scene.id, title: scene.title, chapter, status: 'added', ...diff });
      continue;
    }
    const fromChapter = chapterOf(a, old);
    const moved = fromChapter !== chapter || old.parentId !== scene.parentId || !inOrder.has(scene.id);
    const changed = diff.wordsAdded > 0 || diff.wordsCut > 0 || diff.parts.some((p) => p.kind !== 'same');
    scenes.push({
      id: scene.id,
      title: scene.title,
      chapter,
      status: moved ? 'moved' : changed ? 'changed' : 'unchanged',
      ...(moved ? { fromChapter } : {}),
      ...diff,
    });
  }
  for (const scene of a.scenes) {
    if (afterIds.includes(scene.id)) continue;
    scenes.push({ id: scene.id, title: scene.title, chapter: chapterOf(a, scene), status: 'removed', ...diffScene(sceneText(before, scene.id), '') });
  }
  const tally = (status: SceneComparison['status']) => scenes.filter((s) => s.status === status).length;
  return {
    scenes,
    summary: {
      added: tally('added'),
      removed: tally('removed'),
      moved: tally('moved'),
      changed: tally('changed') + scenes.filter((s) => s.status === 'moved' && (s.wordsAdded > 0 || s.wordsCut > 0)).length,
      wordsAdded: scenes.reduce((sum, s) => sum + s.wordsAdded, 0),
      wordsCut: scenes.reduce((sum, s) => sum + s.wordsCut, 0),
    },
  };
}
