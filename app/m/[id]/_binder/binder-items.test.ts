import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addBinderItem, readBinder, updateBinderItem } from '@/lib/manuscript/binder';
import { binderCommand, flattenBinder, itemLabel, placeNewItem, wordsIn } from './binder-items';

/** Part 1 > Chapter 1 > Scene 1, Scene 2; Chapter 2 > Scene 3 (top level). */
function sample() {
  const doc = new Y.Doc();
  const part = addBinderItem(doc, { kind: 'part', title: 'Part 1', parentId: null });
  const ch1 = addBinderItem(doc, { kind: 'chapter', title: 'Chapter 1', parentId: part });
  const s1 = addBinderItem(doc, { kind: 'scene', title: 'Scene 1', parentId: ch1 });
  const s2 = addBinderItem(doc, { kind: 'scene', title: 'Scene 2', parentId: ch1 });
  const ch2 = addBinderItem(doc, { kind: 'chapter', title: 'Chapter 2', parentId: null });
  const s3 = addBinderItem(doc, { kind: 'scene', title: 'Scene 3', parentId: ch2 });
  return { doc, part, ch1, ch2, s1, s2, s3 };
}

describe('binder items', () => {
  it('counts words of a scene, and of everything under a chapter or part', () => {
    const { doc, part, ch1, s1, s2, s3 } = sample();
    const binder = readBinder(doc);
    const counts = new Map([[s1, 100], [s2, 250], [s3, 7]]);
    expect(wordsIn(binder.byId.get(s1)!, counts)).toBe(100);
    expect(wordsIn(binder.byId.get(ch1)!, counts)).toBe(350);
    expect(wordsIn(binder.byId.get(part)!, counts)).toBe(350);
    expect(binder.roots.reduce((sum, node) => sum + wordsIn(node, counts), 0)).toBe(357);
  });

  it('lists items in reading order, parents first', () => {
    const { doc } = sample();
    expect(flattenBinder(readBinder(doc).roots).map((node) => node.title)).toEqual(['Part 1', 'Chapter 1', 'Scene 1', 'Scene 2', 'Chapter 2', 'Scene 3']);
  });

  it('names an item by its title first, with its status unless Draft, and its words', () => {
    const { doc, s1 } = sample();
    expect(itemLabel(readBinder(doc).byId.get(s1)!, 1234)).toBe('Scene 1, scene, 1,234 words');
    updateBinderItem(doc, s1, { status: 'final', title: '' });
    expect(itemLabel(readBinder(doc).byId.get(s1)!, 0)).toBe('Untitled, scene, Final, 0 words');
  });
});

describe('placeNewItem', () => {
  it('a new scene goes into the chapter holding the open scene, numbered after the others', () => {
    const { doc, ch1, s1 } = sample();
    expect(placeNewItem(readBinder(doc), 'scene', null, s1)).toEqual({ parentId: ch1, title: 'Scene 4' });
  });

  it('the chapter last clicked wins over the open scene’s', () => {
    const { doc, ch2, s1 } = sample();
    expect(placeNewItem(readBinder(doc), 'scene', ch2, s1).parentId).toBe(ch2);
  });

  it('with no chapter chosen or open, a scene goes into the last chapter', () => {
    const { doc, ch2 } = sample();
    expect(placeNewItem(readBinder(doc), 'scene', null, null).parentId).toBe(ch2);
  });

  it('a new chapter goes into the part clicked, or beside the open scene’s chapter, with its first scene', () => {
    const { doc, part, s3, s1 } = sample();
    const binder = readBinder(doc);
    expect(placeNewItem(binder, 'chapter', part, null)).toEqual({ parentId: part, title: 'Chapter 3', firstSceneTitle: 'Scene 4' });
    expect(placeNewItem(binder, 'chapter', null, s1).parentId).toBe(part);
    expect(placeNewItem(binder, 'chapter', null, s3).parentId).toBeNull();
  });

  it('a part is always top level', () => {
    const { doc, ch1 } = sample();
    expect(placeNewItem(readBinder(doc), 'part', ch1, null)).toEqual({ parentId: null, title: 'Part 2' });
  });
});

describe('binderCommand', () => {
  it('Alt+arrows move the item; plain arrows move the focus', () => {
    expect(binderCommand({ key: 'ArrowUp', altKey: true })).toBe('move-up');
    expect(binderCommand({ key: 'ArrowDown', altKey: true })).toBe('move-down');
    expect(binderCommand({ key: 'ArrowRight', altKey: true })).toBe('indent');
    expect(binderCommand({ key: 'ArrowLeft', altKey: true })).toBe('outdent');
    expect(binderCommand({ key: 'ArrowUp', altKey: false })).toBe('previous');
    expect(binderCommand({ key: 'ArrowDown', altKey: false })).toBe('next');
    expect(binderCommand({ key: 'ArrowRight', altKey: false })).toBeNull();
  });

  it('Enter opens, F2 renames, Delete trashes, with or without Alt; other keys do nothing', () => {
    for (const altKey of [false, true]) {
      expect(binderCommand({ key: 'Enter', altKey })).toBe('open');
      expect(binderCommand({ key: 'F2', altKey })).toBe('rename');
      expect(binderCommand({ key: 'Delete', altKey })).toBe('trash');
    }
    expect(binderCommand({ key: 'a', altKey: false })).toBeNull();
  });
});
