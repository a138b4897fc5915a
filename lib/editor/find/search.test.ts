import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { sceneField } from '../../collab/room-name';
import { buildQuery } from './query';
import { SceneNodes } from './scene-nodes';
import { findMatches, searchManuscript } from './search';
import { manuscriptOf, paragraph, query, schema } from './test-fixtures';

describe('find in a scene', () => {
  const { doc, sceneIds } = manuscriptOf([
    [
      paragraph('Anna walked to the harbour. ', { text: 'An', marks: ['italic'] }, 'na waved at annabel.'),
      paragraph('ANNA, said the keeper, and Anna’s boat rocked.'),
    ],
  ]);
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(sceneIds[0]!)), schema);

  it('matches across formatting, ignoring case unless asked', () => {
    expect(findMatches(node, query({ search: 'anna' })).total).toBe(5);
    expect(findMatches(node, query({ search: 'Anna', caseSensitive: true })).total).toBe(3);
  });

  it('whole word leaves names inside longer words alone', () => {
    const { matches } = findMatches(node, query({ search: 'anna', wholeWord: true }));
    expect(matches.map((m) => m.text)).toEqual(['Anna', 'Anna', 'ANNA', 'Anna']);
  });

  it('whole word counts digits as part of a word, and works with a pattern too', () => {
    const { doc: d, sceneIds: ids } = manuscriptOf([[paragraph('Room 12 and room 123 (a.k.a. 12b); 12.')]]);
    const n = yXmlFragmentToProseMirrorRootNode(d.getXmlFragment(sceneField(ids[0]!)), schema);
    expect(findMatches(n, query({ search: '12', wholeWord: true })).matches.map((m) => m.from)).toEqual([6, 36]);
    expect(findMatches(n, query({ search: '\\d+', regexp: true, wholeWord: true })).total).toBe(3);
    expect(findMatches(n, query({ search: 'a.k.a.', wholeWord: true })).total).toBe(1);
  });

  it('three dots find an ellipsis and two hyphens a dash, as the editor types them', () => {
    const { doc: typed, sceneIds: ids } = manuscriptOf([[paragraph('Hanno… waited at dawn — fifty of them. Then... nothing -- again.')]]);
    const scene = yXmlFragmentToProseMirrorRootNode(typed.getXmlFragment(sceneField(ids[0]!)), schema);
    expect(findMatches(scene, query({ search: 'Hanno...' })).matches.map((m) => m.text)).toEqual(['Hanno…']);
    expect(findMatches(scene, query({ search: 'dawn -- fifty' })).matches.map((m) => m.text)).toEqual(['dawn — fifty']);
    expect(findMatches(scene, query({ search: 'Then…' })).matches.map((m) => m.text)).toEqual(['Then...']);
    expect(findMatches(scene, query({ search: '—' })).total).toBe(2);
  });

  it('a straight quote finds a curly one, and the other way round', () => {
    expect(findMatches(node, query({ search: "Anna's" })).matches.map((m) => m.text)).toEqual(['Anna’s']);
    expect(findMatches(node, query({ search: 'Anna’s boat', caseSensitive: true })).total).toBe(1);
    expect(findMatches(node, query({ search: "anna's (", wholeWord: true })).total).toBe(0);
  });

  it('regular expressions, and a calm word when one is not valid yet', () => {
    expect(findMatches(node, query({ search: '\\bAnn?a\\b', regexp: true, caseSensitive: true })).total).toBe(3);
    const broken = buildQuery({ search: 'Anna(', regexp: true });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^Not a valid regular expression yet/);
    expect(buildQuery({ search: '' })).toEqual({ ok: false, message: null });
  });

  it('gives each match the words around it', () => {
    const [first, second] = findMatches(node, query({ search: 'anna', wholeWord: true })).matches;
    expect(first).toMatchObject({ ordinal: 0, before: '', text: 'Anna', after: ' walked to the harbour. Anna waved at…' });
    expect(second).toMatchObject({ ordinal: 1, before: 'Anna walked to the harbour. ', text: 'Anna', after: ' waved at annabel.' });
  });
});

describe('find across the manuscript', () => {
  it('lists matches by scene in binder order and counts those it does not list', () => {
    const { doc, sceneIds } = manuscriptOf([[paragraph('one Anna')], [paragraph('no name here')], [paragraph('Anna and Anna')]]);
    const nodes = new SceneNodes(doc, schema);
    const scenes = sceneIds.map((id, i) => ({ id, title: `Scene ${i + 1}`, chapterTitle: `Chapter ${i + 1}` }));
    const results = searchManuscript(scenes, (id) => nodes.node(id), query({ search: 'anna' }), 2);
    expect(results.total).toBe(3);
    expect(results.truncated).toBe(true);
    expect(results.scenes.map((s) => [s.scene.title, s.total, s.matches.length])).toEqual([
      ['Scene 1', 1, 1],
      ['Scene 3', 2, 1],
    ]);
  });

  it('rebuilds a scene only after its text changed', () => {
    const { doc, sceneIds } = manuscriptOf([[paragraph('Anna')], [paragraph('Anna')]]);
    const nodes = new SceneNodes(doc, schema);
    const [a, b] = sceneIds as [string, string];
    const first = nodes.node(a);
    const other = nodes.node(b);
    expect(nodes.node(a)).toBe(first);
    const text = doc.getXmlFragment(sceneField(a)).get(0) as unknown as { get: (i: number) => { insert: (i: number, s: string) => void } };
    text.get(0).insert(0, 'Dear ');
    expect(nodes.node(a)).not.toBe(first);
    expect(nodes.node(a).textContent).toBe('Dear Anna');
    expect(nodes.node(b)).toBe(other);
    nodes.destroy();
  });
});
