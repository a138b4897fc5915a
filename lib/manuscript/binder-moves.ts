import type * as Y from 'yjs';
import { canContain, moveBinderItem, type Binder, type BinderNode } from './binder';

/** Keyboard and drag-and-drop moves, expressed as one `moveBinderItem` each. False: nothing to do. */

function siblings(binder: Binder, node: BinderNode): BinderNode[] {
  return node.parentId ? (binder.byId.get(node.parentId)?.children ?? []) : binder.roots;
}

export function moveUp(doc: Y.Doc, binder: Binder, id: string): boolean {
  const node = binder.byId.get(id);
  if (!node) return false;
  const index = siblings(binder, node).indexOf(node);
  return index > 0 && moveBinderItem(doc, id, { parentId: node.parentId, index: index - 1 });
}

export function moveDown(doc: Y.Doc, binder: Binder, id: string): boolean {
  const node = binder.byId.get(id);
  if (!node) return false;
  const list = siblings(binder, node);
  const index = list.indexOf(node);
  return index >= 0 && index < list.length - 1 && moveBinderItem(doc, id, { parentId: node.parentId, index: index + 1 });
}

/** Into the previous sibling, at its end (a scene into the chapter above it). */
export function indent(doc: Y.Doc, binder: Binder, id: string): boolean {
  const node = binder.byId.get(id);
  if (!node) return false;
  const list = siblings(binder, node);
  const previous = list[list.indexOf(node) - 1];
  return !!previous && canContain(previous.kind, node.kind) && moveBinderItem(doc, id, { parentId: previous.id });
}

/** Out of its parent, to just after it. */
export function outdent(doc: Y.Doc, binder: Binder, id: string): boolean {
  const node = binder.byId.get(id);
  const parent = node?.parentId ? binder.byId.get(node.parentId) : undefined;
  if (!node || !parent) return false;
  const grand = parent.parentId ? (binder.byId.get(parent.parentId) ?? null) : null;
  if (!canContain(grand?.kind ?? null, node.kind)) return false;
  const index = siblings(binder, parent).indexOf(parent) + 1;
  return moveBinderItem(doc, id, { parentId: parent.parentId, index });
}

/** Dropping onto an item: into it when it can hold the dragged item, otherwise just before it. */
export function dropOnto(doc: Y.Doc, binder: Binder, draggedId: string, targetId: string): boolean {
  const dragged = binder.byId.get(draggedId);
  const target = binder.byId.get(targetId);
  if (!dragged || !target || draggedId === targetId) return false;
  if (canContain(target.kind, dragged.kind)) return moveBinderItem(doc, draggedId, { parentId: target.id, index: 0 });
  const parent = target.parentId ? (binder.byId.get(target.parentId) ?? null) : null;
  if (!canContain(parent?.kind ?? null, dragged.kind)) return false;
  const list = siblings(binder, target).filter((node) => node.id !== draggedId);
  return moveBinderItem(doc, draggedId, { parentId: target.parentId, index: list.indexOf(target) });
}
