import { describe, expect, it } from 'vitest';
import { draftByline } from './byline';

describe('a draft’s byline', () => {
  it('names who saved a draft, and who changed the text before a checkpoint', () => {
    expect(draftByline({ kind: 'draft', createdByName: 'Ada', changedBy: '' })).toBe('saved by Ada');
    expect(draftByline({ kind: 'checkpoint', createdByName: null, changedBy: 'Ada, Ben' })).toBe('changes by Ada, Ben');
    expect(draftByline({ kind: 'checkpoint', createdByName: null, changedBy: '' })).toBe('no new changes');
  });
});
