import type { MatchPosition } from '@/lib/editor/find/find-highlights';
import type { ReplaceAllOutcome, UndoResult } from '@/lib/editor/find/replace-all';
import type { ManuscriptResults, SceneResults } from '@/lib/editor/find/search';

/** Where Find looks: the open scene, or every scene. */
export type Scope = 'scene' | 'manuscript';

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The count under the Find field: "3 of 17" in the scene, "17 matches in 4 scenes" across the manuscript. */
export function countText(hasQuery: boolean, scope: Scope, position: MatchPosition, results: ManuscriptResults | null): string {
  if (!hasQuery) return '';
  if (scope === 'manuscript') {
    if (!results) return 'Searching…';
    return results.total === 0 ? 'No matches' : `${plural(results.total, 'match', 'matches')} in ${plural(results.scenes.length, 'scene')}`;
  }
  if (position.total === 0) return 'No matches';
  return position.current >= 0 ? `${position.current + 1} of ${position.total}` : plural(position.total, 'match', 'matches');
}

export const UNDO_TEXT: Record<UndoResult, string> = {
  undone: 'Replacement undone: every occurrence is back.',
  'already-undone': 'That replacement was already undone.',
  'not-latest': 'You changed the text since: press Ctrl+Z in the text to step back through those changes first.',
};

/** What Replace all did, in a sentence or three. */
export function describeOutcome(outcome: Omit<ReplaceAllOutcome, 'undo'>, scope: Scope): string {
  if (outcome.replaced === 0 && outcome.scenesNotEditable === 0) return 'Nothing to replace.';
  const parts = [scope === 'manuscript' ? `Replaced ${outcome.replaced.toLocaleString('en')} in ${plural(outcome.scenes, 'scene')}.` : `Replaced ${outcome.replaced.toLocaleString('en')}.`];
  if (outcome.skipped > 0) parts.push(`${plural(outcome.skipped, 'match', 'matches')} left as they were (inside a pending suggestion, or across a line break).`);
  if (outcome.scenesNotEditable > 0) parts.push(`${plural(outcome.scenesNotEditable, 'scene')} you may not edit left as they were.`);
  return parts.join(' ');
}

/** Short selected words (no line break) start the search, as in every editor. */
export const searchFromSelection = (selected: string): string => (selected.length <= 100 && !selected.includes('\n') ? selected : '');

/** Results in runs by chapter, for headings: consecutive scenes of one chapter share one. */
export function groupByChapter(scenes: SceneResults[]): { title: string | null; scenes: SceneResults[] }[] {
  const chapters: { title: string | null; scenes: SceneResults[] }[] = [];
  for (const entry of scenes) {
    const last = chapters[chapters.length - 1];
    if (last && last.title === entry.scene.chapterTitle) last.scenes.push(entry);
    else chapters.push({ title: entry.scene.chapterTitle, scenes: [entry] });
  }
  return chapters;
}

/**
 * Stepping past the open scene's last (or first) match across the manuscript: the next scene in
 * binder order that has a match, wrapping round; null when no other scene has one.
 */
export function sceneToStepTo(results: ManuscriptResults, sceneOrder: string[], openSceneId: string | null, direction: 1 | -1): SceneResults | null {
  const withMatches = results.scenes.filter((entry) => entry.matches.length > 0);
  const here = sceneOrder.indexOf(openSceneId ?? '');
  const order = (id: string) => sceneOrder.indexOf(id);
  const ahead = direction === 1 ? withMatches.filter((entry) => order(entry.scene.id) > here) : withMatches.filter((entry) => order(entry.scene.id) < here).reverse();
  const target = ahead[0] ?? (direction === 1 ? withMatches[0] : withMatches[withMatches.length - 1]);
  return !target || target.scene.id === openSceneId ? null : target;
}
