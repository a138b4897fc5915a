import type { Binder, BinderKind, BinderNode, SceneStatus } from '@/lib/manuscript/binder';

const numberFormat = new Intl.NumberFormat('en');
export const STATUS_LABEL: Record<SceneStatus, string> = { idea: 'Idea', draft: 'Draft', revised: 'Revised', final: 'Final' };

/** Words in a scene, or in everything under a chapter or part. */
export function wordsIn(node: BinderNode, counts: Map<string, number>): number {
  return node.kind === 'scene' ? (counts.get(node.id) ?? 0) : node.children.reduce((sum, child) => sum + wordsIn(child, counts), 0);
}

/** Every live item in reading order, parents before their children. */
export function flattenBinder(nodes: BinderNode[]): BinderNode[] {
  return nodes.flatMap((node) => [node, ...flattenBinder(node.children)]);
}

/**
 * An item's name: its title and kind, then its status and words. The status and count are drawn
 * from data attributes (CSS), so the visible text is the title and the name starts with it (WCAG 2.5.3).
 */
export function itemLabel(node: BinderNode, words: number): string {
  const status = node.kind === 'scene' && node.status !== 'draft' ? `, ${STATUS_LABEL[node.status]}` : '';
  return `${node.title || 'Untitled'}, ${node.kind}${status}, ${numberFormat.format(words)} words`;
}

/**
 * Where "+ Scene", "+ Chapter" or "+ Part" puts the new item, and its numbered title. The chapter
 * (or part) last clicked wins; otherwise the one holding the open scene; a scene with neither goes
 * into the last chapter. A new chapter comes with its first scene (`firstSceneTitle`).
 */
export function placeNewItem(binder: Binder, kind: BinderKind, selectedId: string | null, currentSceneId: string | null): { parentId: string | null; title: string; firstSceneTitle?: string } {
  const flat = flattenBinder(binder.roots);
  const selected = selectedId ? binder.byId.get(selectedId) : undefined;
  const current = currentSceneId ? binder.byId.get(currentSceneId) : undefined;
  const chapterOfCurrent = selected?.kind === 'chapter' ? selected : current?.parentId ? binder.byId.get(current.parentId) : undefined;
  const lastChapter = [...flat].reverse().find((node) => node.kind === 'chapter');
  const parentId =
    kind === 'scene' ? (chapterOfCurrent?.id ?? lastChapter?.id ?? null) : kind === 'chapter' ? (selected?.kind === 'part' ? selected.id : (chapterOfCurrent?.parentId ?? null)) : null;
  const numbered = (of: BinderKind) => flat.filter((node) => node.kind === of).length + 1;
  const title = kind === 'scene' ? `Scene ${numbered('scene')}` : kind === 'chapter' ? `Chapter ${numbered('chapter')}` : `Part ${numbered('part')}`;
  return kind === 'chapter' ? { parentId, title, firstSceneTitle: `Scene ${numbered('scene')}` } : { parentId, title };
}

export type BinderCommand = 'move-up' | 'move-down' | 'indent' | 'outdent' | 'next' | 'previous' | 'open' | 'rename' | 'trash';

const MOVE_KEYS: Record<string, BinderCommand> = { ArrowUp: 'move-up', ArrowDown: 'move-down', ArrowRight: 'indent', ArrowLeft: 'outdent' };
const ITEM_KEYS: Record<string, BinderCommand> = { ArrowDown: 'next', ArrowUp: 'previous', Enter: 'open', F2: 'rename', Delete: 'trash' };

/** The binder's keys: Alt+arrows move the item, arrows move the focus, Enter opens, F2 renames, Delete trashes. */
export function binderCommand(event: { key: string; altKey: boolean }): BinderCommand | null {
  return (event.altKey ? MOVE_KEYS[event.key] : undefined) ?? ITEM_KEYS[event.key] ?? null;
}
