import { describe, expect, it } from 'vitest';
import type { ManuscriptResults, SceneResults } from '@/lib/editor/find/search';
import { countText, describeOutcome, groupByChapter, sceneToStepTo, searchFromSelection } from './find-words';
import { nextFindMode } from './use-find-panel';

const sceneResults = (id: string, chapterTitle: string | null, matches: number): SceneResults => ({
  scene: { id, title: id, chapterTitle },
  total: matches,
  matches: Array.from({ length: matches }, (_, ordinal) => ({ from: ordinal * 10, to: ordinal * 10 + 3, ordinal, before: '', text: 'fox', after: '' })),
});
const results = (...scenes: SceneResults[]): ManuscriptResults => ({ scenes, total: scenes.reduce((sum, s) => sum + s.total, 0), truncated: false });

describe('countText', () => {
  const none = { current: -1, total: 0, ranges: [] };
  it('says nothing before there is a query', () => expect(countText(false, 'scene', none, null)).toBe(''));
  it('in the scene: "n of m" once one is selected, else how many', () => {
    expect(countText(true, 'scene', { current: 2, total: 17, ranges: [] }, null)).toBe('3 of 17');
    expect(countText(true, 'scene', { current: -1, total: 1, ranges: [] }, null)).toBe('1 match');
    expect(countText(true, 'scene', none, null)).toBe('No matches');
  });
  it('across the manuscript: matches and scenes, or Searching… while it counts', () => {
    expect(countText(true, 'manuscript', none, null)).toBe('Searching…');
    expect(countText(true, 'manuscript', none, results(sceneResults('a', null, 2), sceneResults('b', null, 1000)))).toBe('1,002 matches in 2 scenes');
    expect(countText(true, 'manuscript', none, results())).toBe('No matches');
  });
});

describe('describeOutcome', () => {
  it('names what was replaced where, and what was left', () => {
    expect(describeOutcome({ replaced: 0, scenes: 0, skipped: 0, scenesNotEditable: 0 }, 'scene')).toBe('Nothing to replace.');
    expect(describeOutcome({ replaced: 3, scenes: 1, skipped: 0, scenesNotEditable: 0 }, 'scene')).toBe('Replaced 3.');
    expect(describeOutcome({ replaced: 1200, scenes: 4, skipped: 1, scenesNotEditable: 2 }, 'manuscript')).toBe(
      'Replaced 1,200 in 4 scenes. 1 match left as they were (inside a pending suggestion, or across a line break). 2 scenes you may not edit left as they were.',
    );
  });
});

describe('searchFromSelection', () => {
  it('short words on one line start the search; a long or multi-line selection does not', () => {
    expect(searchFromSelection('the fox')).toBe('the fox');
    expect(searchFromSelection('one\ntwo')).toBe('');
    expect(searchFromSelection('x'.repeat(101))).toBe('');
  });
});

describe('groupByChapter', () => {
  it('gives consecutive scenes of one chapter one heading', () => {
    const grouped = groupByChapter([sceneResults('a', 'One', 1), sceneResults('b', 'One', 1), sceneResults('c', null, 1), sceneResults('d', 'One', 1)]);
    expect(grouped.map((g) => [g.title, g.scenes.map((s) => s.scene.id)])).toEqual([['One', ['a', 'b']], [null, ['c']], ['One', ['d']]]);
  });
});

describe('sceneToStepTo', () => {
  const order = ['a', 'b', 'c', 'd'];
  const found = results(sceneResults('a', null, 1), sceneResults('c', null, 2), sceneResults('d', null, 0));
  it('forward: the next scene with a match, wrapping round to the first', () => {
    expect(sceneToStepTo(found, order, 'b', 1)?.scene.id).toBe('c');
    expect(sceneToStepTo(found, order, 'c', 1)?.scene.id).toBe('a');
  });
  it('backward: the previous one, wrapping round to the last', () => {
    expect(sceneToStepTo(found, order, 'b', -1)?.scene.id).toBe('a');
    expect(sceneToStepTo(found, order, 'a', -1)?.scene.id).toBe('c');
  });
  it('no other scene with a match: stay', () => {
    expect(sceneToStepTo(results(sceneResults('c', null, 2)), order, 'c', 1)).toBeNull();
  });
});

describe('nextFindMode', () => {
  it('Ctrl+F over an open Find and replace keeps replacing; Ctrl+H always replaces', () => {
    expect(nextFindMode('find', 'replace')).toBe('replace');
    expect(nextFindMode('find', null)).toBe('find');
    expect(nextFindMode('replace', 'find')).toBe('replace');
  });
});
