import { describe, expect, it } from 'vitest';
import { confirmRestoreText, restoreShownAs } from './restore-outcome';

describe('restoreShownAs', () => {
  it('a co-author’s restore is a banner naming who restored which draft', () => {
    expect(restoreShownAs({ ok: true, message: 'Restored.', restoredBy: 'Ada', draftName: 'Draft 2' })).toEqual({ kind: 'banner', restored: { restoredBy: 'Ada', draftName: 'Draft 2' } });
  });

  it('a co-author’s restore of an unnamed draft still reads', () => {
    expect(restoreShownAs({ ok: true, message: 'Restored.', restoredBy: 'Ada' })).toEqual({ kind: 'banner', restored: { restoredBy: 'Ada', draftName: 'a draft' } });
  });

  it('this writer’s own restore, done or refused, is the notice with the server’s words', () => {
    expect(restoreShownAs({ ok: true, message: 'Restored “Draft 2”.' })).toEqual({ kind: 'notice', message: 'Restored “Draft 2”.' });
    expect(restoreShownAs({ ok: false, message: 'That draft is gone.' })).toEqual({ kind: 'notice', message: 'That draft is gone.' });
  });

  it('the question names the draft and says the current text is kept', () => {
    expect(confirmRestoreText('Draft 2')).toContain('“Draft 2”');
    expect(confirmRestoreText('Draft 2')).toContain('kept as a checkpoint');
  });
});
