import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../collab/room-name';
import { manuscriptExtensions } from '../editor/extensions';
import { addBinderItem, moveBinderItem, readBinder, trashBinderItem, updateBinderItem } from '../manuscript/binder';
import { sceneText } from '../manuscript/word-count';
import { compareManuscripts, SCENE_BREAK_MARK } from './compare';
import { restoreDraftInto } from './restore';
import { checkpointsToDrop } from '../domain/checkpoint-retention';

const schema = getSchema(manuscriptExtensions());
const paragraphs = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

function novel() {
  const doc = new Y.Doc();
  const c1 = addBinderItem(doc, { kind: 'chapter', title: 'One' });
  const c2 = addBinderItem(doc, { kind: 'chapter', title: 'Two' });
  const s1 = addBinderItem(doc, { kind: 'scene', title: 'Dock', parentId: c1 });
  const s2 = addBinderItem(doc, { kind: 'scene', title: 'Lamp', parentId: c1 });
  const s3 = addBinderItem(doc, { kind: 'scene', title: 'Wreck', parentId: c2 });
  prosemirrorJSONToYXmlFragment(schema, paragraphs('The boat came in at dusk.', 'Nobody waved.'), doc.getXmlFragment(sceneField(s1)));
  prosemirrorJSONToYXmlFragment(schema, paragraphs('The lamp turned all night.'), doc.getXmlFragment(sceneField(s2)));
  prosemirrorJSONToYXmlFragment(schema, paragraphs('By morning the wreck was gone.'), doc.getXmlFragment(sceneField(s3)));
  return { doc, c1, c2, s1, s2, s3 };
}

const copy = (doc: Y.Doc) => {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
};

function replaceFirstParagraph(doc: Y.Doc, sceneId: string, text: string) {
  const paragraph = doc.getXmlFragment(sceneField(sceneId)).get(0) as Y.XmlElement;
  const xmlText = paragraph.get(0) as Y.XmlText;
  xmlText.delete(0, xmlText.length);
  xmlText.insert(0, text);
}

describe('comparing two states of a manuscript', () => {
  it('marks words added and cut, scenes added, moved and removed, and sums it up', () => {
    const { doc, c1, s1, s2, s3 } = novel();
    const draft = copy(doc);
    replaceFirstParagraph(doc, s1, 'The boat came in at dawn, low and slow.');
    moveBinderItem(doc, s3, { parentId: c1, index: 0 });
    trashBinderItem(doc, s2);
    const added = addBinderItem(doc, { kind: 'scene', title: 'Epilogue', parentId: c1 });
    prosemirrorJSONToYXmlFragment(schema, paragraphs('Years later she came back.'), doc.getXmlFragment(sceneField(added)));

    const { scenes, summary } = compareManuscripts(draft, doc);
    const byTitle = new Map(scenes.map((scene) => [scene.title, scene]));
    expect(byTitle.get('Dock')!.status).toBe('changed');
    expect(byTitle.get('Dock')!.parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toContain('dusk');
    expect(byTitle.get('Dock')!.parts.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toContain('dawn,');
    expect(byTitle.get('Wreck')).toMatchObject({ status: 'moved', fromChapter: 'Two', chapter: 'One', wordsAdded: 0, wordsCut: 0 });
    expect(byTitle.get('Lamp')).toMatchObject({ status: 'removed', wordsCut: 5 });
    expect(byTitle.get('Epilogue')).toMatchObject({ status: 'added', wordsAdded: 5 });
    expect(summary).toMatchObject({ added: 1, removed: 1, moved: 1, changed: 1 });
    expect(summary.wordsAdded).toBeGreaterThanOrEqual(5 + 4);
  });

  it('identical states compare as unchanged', () => {
    const { doc } = novel();
    const { scenes, summary } = compareManuscripts(copy(doc), doc);
    expect(scenes.every((scene) => scene.status === 'unchanged')).toBe(true);
    expect(summary).toEqual({ added: 0, removed: 0, moved: 0, changed: 0, wordsAdded: 0, wordsCut: 0 });
  });
});

describe('what counts as a move', () => {
  const statuses = (before: Y.Doc, after: Y.Doc) => Object.fromEntries(compareManuscripts(before, after).scenes.map((scene) => [scene.title, scene.status]));

  it('a chapter moved ahead of another carries its scenes along without moving them', () => {
    const { doc, c2 } = novel();
    const draft = copy(doc);
    moveBinderItem(doc, c2, { parentId: null, index: 0 });
    expect(readBinder(doc).scenes.map((s) => s.title)).toEqual(['Wreck', 'Dock', 'Lamp']);
    expect(statuses(draft, doc)).toEqual({ Wreck: 'unchanged', Dock: 'unchanged', Lamp: 'unchanged' });
    expect(compareManuscripts(draft, doc).summary.moved).toBe(0);
  });

  it('renaming a chapter moves none of its scenes', () => {
    const { doc, c1 } = novel();
    const draft = copy(doc);
    updateBinderItem(doc, c1, { title: 'One: The Dock' });
    expect(statuses(draft, doc)).toEqual({ Dock: 'unchanged', Lamp: 'unchanged', Wreck: 'unchanged' });
  });

  it('a scene cut or added beside another leaves that one in place', () => {
    const { doc, c1, s1 } = novel();
    const draft = copy(doc);
    trashBinderItem(doc, s1);
    addBinderItem(doc, { kind: 'scene', title: 'Prologue', parentId: c1, index: 0 });
    expect(statuses(draft, doc)).toMatchObject({ Lamp: 'unchanged', Wreck: 'unchanged', Dock: 'removed', Prologue: 'added' });
  });

  it('of two scenes swapped by a drag, only the dragged one moved, and it says within which chapter', () => {
    const { doc, c1, s2 } = novel();
    const draft = copy(doc);
    moveBinderItem(doc, s2, { parentId: c1, index: 0 });
    expect(statuses(draft, doc)).toEqual({ Lamp: 'moved', Dock: 'unchanged', Wreck: 'unchanged' });
    const lamp = compareManuscripts(draft, doc).scenes.find((s) => s.title === 'Lamp')!;
    expect(lamp).toMatchObject({ chapter: 'One' });
    expect(lamp.fromChapter).toBeUndefined();
  });

  it('a scene moved away and back again has not moved', () => {
    const { doc, c1, c2, s1 } = novel();
    const draft = copy(doc);
    moveBinderItem(doc, s1, { parentId: c2 });
    moveBinderItem(doc, s1, { parentId: c1, index: 0 });
    expect(statuses(draft, doc)).toEqual({ Dock: 'unchanged', Lamp: 'unchanged', Wreck: 'unchanged' });
  });

  it('a scene taken into another chapter moved, from where to where', () => {
    const { doc, c2, s1 } = novel();
    const draft = copy(doc);
    moveBinderItem(doc, s1, { parentId: c2 });
    const dock = compareManuscripts(draft, doc).scenes.find((s) => s.title === 'Dock')!;
    expect(dock).toMatchObject({ status: 'moved', fromChapter: 'One', chapter: 'Two' });
  });
});

describe('scene breaks in compared text', () => {
  it('stand in the text, unchanged ones as the same and new ones as added, and count as no words', () => {
    const { doc, s1 } = novel();
    const withBreak = { type: 'doc', content: [...paragraphs('The boat came in at dusk.').content, { type: 'sceneBreak' }, ...paragraphs('Nobody waved.').content] };
    const fragment = doc.getXmlFragment(sceneField(s1));
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, withBreak, fragment);
    const draft = copy(doc);
    const again = fragment.get(2) as Y.XmlElement;
    doc.transact(() => fragment.insert(3, [new Y.XmlElement('sceneBreak'), again.clone()]));

    const dock = compareManuscripts(draft, doc).scenes.find((s) => s.title === 'Dock')!;
    const same = dock.parts.filter((p) => p.kind === 'same').map((p) => p.text).join('');
    const added = dock.parts.filter((p) => p.kind === 'added').map((p) => p.text).join('');
    expect(same).toContain(`dusk.\n${SCENE_BREAK_MARK}\nNobody`);
    expect(added).toContain(SCENE_BREAK_MARK);
    expect(dock).toMatchObject({ status: 'changed', wordsAdded: 2, wordsCut: 0 });
  });
});

describe('restoring a draft', () => {
  it('brings back text and structure, and keeps what a co-author types at the same moment', () => {
    const { doc: live, s1, s2, s3, c2 } = novel();
    const draft = copy(live);
    // After the draft: a rewrite, a move, a trashed scene, a new scene.
    replaceFirstParagraph(live, s1, 'A completely different opening.');
    moveBinderItem(live, s3, { parentId: null });
    trashBinderItem(live, s2);
    const extra = addBinderItem(live, { kind: 'scene', title: 'Extra', parentId: c2 });

    // Ben's copy, in sync before the restore; he types into the second paragraph of the first scene.
    const ben = copy(live);
    const second = (ben.getXmlFragment(sceneField(s1)).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    second.insert(second.length, ' Ben was here.');

    restoreDraftInto(live, draft);
    Y.applyUpdate(live, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(live)));
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(live, Y.encodeStateVector(ben)));

    for (const doc of [live, ben]) {
      expect(sceneText(doc, s1)).toBe('The boat came in at dusk.\nNobody waved. Ben was here.\n');
      expect(readBinder(doc).scenes.map((s) => s.title)).toEqual(['Dock', 'Lamp', 'Wreck']);
      expect(readBinder(doc).trash.map((s) => s.id)).toEqual([extra]);
    }
  });

  it('restoring twice is harmless, and the restore can itself be undone by restoring the state before it', () => {
    const { doc: live, s1 } = novel();
    const draft = copy(live);
    replaceFirstParagraph(live, s1, 'Rewritten.');
    const beforeRestore = copy(live);
    restoreDraftInto(live, draft);
    restoreDraftInto(live, draft);
    expect(sceneText(live, s1)).toBe('The boat came in at dusk.\nNobody waved.\n');
    restoreDraftInto(live, beforeRestore);
    expect(sceneText(live, s1)).toBe('Rewritten.\nNobody waved.\n');
  });
});

describe('checkpoint retention', () => {
  it('keeps everything from the last day, then one an hour, a day, a week', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    const at = (hoursAgo: number, id: string) => ({ id, createdAt: new Date(now - hoursAgo * 3600_000) });
    const checkpoints = [
      at(1, 'recent-a'), at(2, 'recent-b'),
      at(30.1, 'day2-a'), at(30.5, 'day2-b'),
      at(24 * 10 + 1, 'week2-a'), at(24 * 10 + 5, 'week2-b'),
      at(24 * 100, 'old-a'), at(24 * 101, 'old-b'),
    ];
    const dropped = checkpointsToDrop(checkpoints, now);
    expect(dropped).not.toContain('recent-a');
    expect(dropped).not.toContain('recent-b');
    expect(dropped.filter((id) => id.startsWith('day2'))).toHaveLength(1);
    expect(dropped.filter((id) => id.startsWith('week2'))).toHaveLength(1);
    expect(dropped.filter((id) => id.startsWith('old')).length).toBeLessThanOrEqual(1);
  });
});
