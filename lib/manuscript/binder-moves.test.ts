import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addBinderItem, readBinder, type BinderNode } from './binder';
import { dropOnto, indent, moveDown, moveUp, outdent } from './binder-moves';

const titles = (nodes: BinderNode[]): unknown[] => nodes.map((n) => (n.children.length ? [n.title, titles(n.children)] : n.title));

function setup() {
  const doc = new Y.Doc();
  const c1 = addBinderItem(doc, { kind: 'chapter', title: 'C1' });
  const c2 = addBinderItem(doc, { kind: 'chapter', title: 'C2' });
  const a = addBinderItem(doc, { kind: 'scene', title: 'A', parentId: c1 });
  const b = addBinderItem(doc, { kind: 'scene', title: 'B', parentId: c1 });
  const c = addBinderItem(doc, { kind: 'scene', title: 'C', parentId: c2 });
  return { doc, c1, c2, a, b, c, tree: () => titles(readBinder(doc).roots) };
}

describe('binder moves', () => {
  it('up and down within siblings', () => {
    const { doc, b, tree } = setup();
    expect(moveUp(doc, readBinder(doc), b)).toBe(true);
    expect(tree()).toEqual([['C1', ['B', 'A']], ['C2', ['C']]]);
    expect(moveUp(doc, readBinder(doc), b)).toBe(false);
    expect(moveDown(doc, readBinder(doc), b)).toBe(true);
    expect(tree()).toEqual([['C1', ['A', 'B']], ['C2', ['C']]]);
  });

  it('outdent and indent a scene', () => {
    const { doc, b, c2, tree } = setup();
    expect(outdent(doc, readBinder(doc), b)).toBe(true);
    expect(tree()).toEqual([['C1', ['A']], 'B', ['C2', ['C']]]);
    expect(indent(doc, readBinder(doc), b)).toBe(true);
    expect(tree()).toEqual([['C1', ['A', 'B']], ['C2', ['C']]]);
    expect(indent(doc, readBinder(doc), c2)).toBe(false);
  });

  it('drops a scene into a chapter, and a chapter before another', () => {
    const { doc, a, c2, c1, tree } = setup();
    expect(dropOnto(doc, readBinder(doc), a, c2)).toBe(true);
    expect(tree()).toEqual([['C1', ['B']], ['C2', ['A', 'C']]]);
    expect(dropOnto(doc, readBinder(doc), c2, c1)).toBe(true);
    expect(tree()).toEqual([['C2', ['A', 'C']], ['C1', ['B']]]);
  });
});
