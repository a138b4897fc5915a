import { describe, expect, it } from 'vitest';
import { effectiveMode, modesFor } from './modes';
import { describeSuggestion } from './review';

describe('modes by role', () => {
  it('lets editors and the owner choose all three, a commenter suggest or view, a viewer only view', () => {
    expect(modesFor('owner')).toEqual(['editing', 'suggesting', 'viewing']);
    expect(modesFor('editor')).toEqual(['editing', 'suggesting', 'viewing']);
    expect(modesFor('commenter')).toEqual(['suggesting', 'viewing']);
    expect(modesFor('viewer')).toEqual(['viewing']);
  });

  it('falls back to the role’s first mode when the chosen one is not allowed (a role changed live)', () => {
    expect(effectiveMode('commenter', 'editing')).toBe('suggesting');
    expect(effectiveMode('commenter', 'viewing')).toBe('viewing');
    expect(effectiveMode('viewer', 'suggesting')).toBe('viewing');
    expect(effectiveMode('editor', null)).toBe('editing');
  });
});

describe('what a suggestion card says', () => {
  it.each([
    [{ deleted: 'weakness', inserted: 'a weakness' }, 'Replace ‘weakness’ with ‘a weakness’'],
    [{ deleted: '', inserted: ' and cold' }, 'Add ‘and cold’'],
    [{ deleted: 'quite ', inserted: '' }, 'Delete ‘quite’'],
    [{ deleted: '', inserted: '', breaks: 'split' as const }, 'Start a new paragraph'],
    [{ deleted: '', inserted: '', breaks: 'join' as const }, 'Join two paragraphs'],
    [{ deleted: '', inserted: 'x'.repeat(100) }, `Add ‘${'x'.repeat(59)}…’`],
  ])('%j reads %j', (summary, text) => {
    expect(describeSuggestion(summary)).toBe(text);
  });
});
