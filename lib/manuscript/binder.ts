import crypto from 'node:crypto';
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';

/**
 * The manuscript's structure lives in the Y.Doc as a Y.Map of items keyed by stable id. Each item
 * holds its place as one value `{ parentId, order }` (a fractional index), so a move is one atomic
 * write: concurrent moves of one item resolve to one of them, and moves of different items all
 * apply. Nesting rules make cycles impossible: parts hold chapters, chapters hold scenes.
 * A scene's text is its own `scene.<id>` fragment; moving a scene never touches it.
 */
export const BINDER_FIELD = 'binder';

export const BINDER_KINDS = ['part', 'chapter', 'scene'] as const;
export type BinderKind = (typeof BINDER_KINDS)[number];
export const SCENE_STATUSES = ['idea', 'draft', 'revised', 'final'] as const;
export type SceneStatus = (typeof SCENE_STATUSES)[number];

export interface Position {
  parentId: string | null;
  order: string;
}

export interface BinderNode {
  id: string;
  kind: BinderKind;
  title: string;
  synopsis: string;
  status: SceneStatus;
  parentId: string | null;
  children: BinderNode[];
}

export interface Binder {
  /** Top-level items in order. */
  roots: BinderNode[];
  /** Every live scene in reading order. */
  scenes: BinderNode[];
  /** Items moved to the trash (their descendants go with them). */
  trash: BinderNode[];
  byId: Map<string, BinderNode>;
}

/** Where each kind may live: null is the top level. */
const ALLOWED_PARENTS: Record<BinderKind, (BinderKind | null)[]> = {
  part: [null],
  chapter: [null, 'part'],
  scene: [null, 'chapter'],
};

export function canContain(parent: BinderKind | null, child: BinderKind): boolean {
  return ALLOWED_PARENTS[child].includes(parent);
}

export function newBinderId(): string {
  return crypto.randomBytes(8).toString('hex');
}

type ItemMap = Y.Map<unknown>;
const items = (doc: Y.Doc) => doc.getMap<ItemMap>(BINDER_FIELD);

function readPosition(item: ItemMap): Position {
  const value = item.get('position') as Partial<Position> | undefined;
  return {
    parentId: typeof value?.parentId === 'string' ? value.parentId : null,
    order: typeof value?.order === 'string' ? value.order : 'a0',
  };
}

const byOrder = (a: { order: string; id: string }, b: { order: string; id: string }) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Builds the tree; items with a missing, trashed-away or unsuitable parent appear at the top level. */
export function readBinder(doc: Y.Doc): Binder {
  const raw = new Map<string, { node: BinderNode; order: string; trashed: boolean }>();
  items(doc).forEach((item, id) => {
    if (!(item instanceof Y.Map)) return;
    const kind = item.get('kind');
    if (!BINDER_KINDS.includes(kind as BinderKind)) return;
    const status = item.get('status');
    const position = readPosition(item);
    raw.set(id, {
      order: position.order,
      trashed: typeof item.get('trashedAt') === 'number',
      node: {
        id,
        kind: kind as BinderKind,
        title: typeof item.get('title') === 'string' ? (item.get('title') as string) : '',
        synopsis: typeof item.get('synopsis') === 'string' ? (item.get('synopsis') as string) : '',
        status: SCENE_STATUSES.includes(status as SceneStatus) ? (status as SceneStatus) : 'draft',
        parentId: position.parentId,
        children: [],
      },
    });
  });

  const roots: { node: BinderNode; order: string; id: string }[] = [];
  const trash: { node: BinderNode; order: string; id: string }[] = [];
  const childLists = new Map<string, { node: BinderNode; order: string; id: string }[]>();
  for (const [id, entry] of raw) {
    const parent = entry.node.parentId ? raw.get(entry.node.parentId) : undefined;
    const fits = parent !== undefined && canContain(parent.node.kind, entry.node.kind);
    if (!fits) entry.node.parentId = null;
    const slot = { node: entry.node, order: entry.order, id };
    // A trashed item under a live parent heads its own trash entry; anything under a trashed item goes with it.
    if (entry.trashed && !(fits && parent!.trashed)) trash.push(slot);
    else if (fits) childLists.set(parent!.node.id, [...(childLists.get(parent!.node.id) ?? []), slot]);
    else roots.push(slot);
  }
  for (const [parentId, children] of childLists) {
    raw.get(parentId)!.node.children = children.sort(byOrder).map((slot) => slot.node);
  }

  const byId = new Map<string, BinderNode>();
  const scenes: BinderNode[] = [];
  const visit = (node: BinderNode) => {
    byId.set(node.id, node);
    if (node.kind === 'scene') scenes.push(node);
    node.children.forEach(visit);
  };
  const rootNodes = roots.sort(byOrder).map((slot) => slot.node);
  rootNodes.forEach(visit);
  const trashNodes = trash.sort(byOrder).map((slot) => slot.node);
  const trashed = new Map<string, BinderNode>();
  const visitTrash = (node: BinderNode) => {
    trashed.set(node.id, node);
    node.children.forEach(visitTrash);
  };
  trashNodes.forEach(visitTrash);
  for (const [id, node] of trashed) if (!byId.has(id)) byId.set(id, node);
  return { roots: rootNodes, scenes, trash: trashNodes, byId };
}

/** An item's place as stored (parent and fractional order key), or undefined for an unknown id. */
export function binderPlaceOf(doc: Y.Doc, id: string): Position | undefined {
  const item = items(doc).get(id);
  return item instanceof Y.Map ? readPosition(item) : undefined;
}

/** The live scenes in reading order. */
export function readScenes(doc: Y.Doc): BinderNode[] {
  return readBinder(doc).scenes;
}

function siblingsOf(doc: Y.Doc, parentId: string | null, exceptId?: string): { id: string; order: string }[] {
  const result: { id: string; order: string }[] = [];
  items(doc).forEach((item, id) => {
    if (id === exceptId || !(item instanceof Y.Map) || typeof item.get('trashedAt') === 'number') return;
    const position = readPosition(item);
    if (position.parentId === parentId) result.push({ id, order: position.order });
  });
  return result.sort(byOrder);
}

/** An order key that puts an item at `index` among its new siblings (the end when index is omitted). */
function orderAt(doc: Y.Doc, parentId: string | null, index: number | undefined, movingId?: string): string {
  const siblings = siblingsOf(doc, parentId, movingId);
  const at = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length));
  const before = siblings[at - 1]?.order ?? null;
  const after = siblings[at]?.order ?? null;
  // Equal neighbours (two writers inserted at one spot at once) are ordered by id; step past them.
  if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
  return generateKeyBetween(before, after);
}

function kindOf(doc: Y.Doc, id: string | null): BinderKind | null {
  if (id === null) return null;
  const kind = items(doc).get(id)?.get('kind');
  if (!BINDER_KINDS.includes(kind as BinderKind)) throw new Error(`no binder item ${id}`);
  return kind as BinderKind;
}

export interface NewItem {
  kind: BinderKind;
  title: string;
  parentId?: string | null;
  index?: number;
  id?: string;
}

export function addBinderItem(doc: Y.Doc, input: NewItem): string {
  const parentId = input.parentId ?? null;
  if (!canContain(kindOf(doc, parentId), input.kind)) throw new Error(`a ${input.kind} cannot go there`);
  const id = input.id ?? newBinderId();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    item.set('kind', input.kind);
    item.set('title', input.title);
    if (input.kind === 'scene') {
      item.set('synopsis', '');
      item.set('status', 'draft');
    }
    item.set('position', { parentId, order: orderAt(doc, parentId, input.index) });
    items(doc).set(id, item);
  });
  return id;
}

/** Moves an item to `index` under `parentId`; refused (false) when the nesting rules forbid it. */
export function moveBinderItem(doc: Y.Doc, id: string, to: { parentId: string | null; index?: number }): boolean {
  const item = items(doc).get(id);
  if (!item) return false;
  const kind = kindOf(doc, id)!;
  if (to.parentId === id || !canContain(kindOf(doc, to.parentId), kind)) return false;
  item.set('position', { parentId: to.parentId, order: orderAt(doc, to.parentId, to.index, id) });
  return true;
}

export function updateBinderItem(doc: Y.Doc, id: string, fields: { title?: string; synopsis?: string; status?: SceneStatus }): void {
  const item = items(doc).get(id);
  if (!item) return;
  doc.transact(() => {
    if (fields.title !== undefined) item.set('title', fields.title);
    if (fields.synopsis !== undefined) item.set('synopsis', fields.synopsis);
    if (fields.status !== undefined && SCENE_STATUSES.includes(fields.status)) item.set('status', fields.status);
  });
}

/** Moves an item (and what it holds) to the binder's trash; the text stays in the document. */
export function trashBinderItem(doc: Y.Doc, id: string, now = Date.now()): void {
  items(doc).get(id)?.set('trashedAt', now);
}

/** Brings an item back where it was (or to the end of the top level, if its parent is gone too). */
export function restoreBinderItem(doc: Y.Doc, id: string): void {
  const item = items(doc).get(id);
  if (!item) return;
  doc.transact(() => {
    item.delete('trashedAt');
    const { parentId } = readPosition(item);
    if (parentId === null) return;
    const parent = items(doc).get(parentId);
    if (parent !== undefined && typeof parent.get('trashedAt') !== 'number') return;
    item.set('position', { parentId: null, order: orderAt(doc, null, undefined, id) });
  });
}

/** The initial document of a new manuscript, built once on the server so no client ever seeds content. */
export function encodeNewManuscript(): Uint8Array {
  const doc = new Y.Doc();
  const chapter = addBinderItem(doc, { kind: 'chapter', title: 'Chapter 1' });
  addBinderItem(doc, { kind: 'scene', title: 'Scene 1', parentId: chapter });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
