import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChangeCapture } from './capture';

describe('ChangeCapture', () => {
  it('returns what a change integrated, merged into one update, and null when nothing did', () => {
    const doc = new Y.Doc();
    const capture = new ChangeCapture(doc);
    const { update } = capture.run(() => {
      doc.getText('t').insert(0, 'one');
      doc.getText('t').insert(3, ' two');
    });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, update!);
    expect(copy.getText('t').toString()).toBe('one two');
    expect(capture.run(() => {})).toEqual({ update: null });
  });

  it('keeps what integrated before a change threw, with its error', () => {
    const doc = new Y.Doc();
    const capture = new ChangeCapture(doc);
    const failure = new Error('part-way');
    const captured = capture.run(() => {
      doc.getText('t').insert(0, 'kept');
      throw failure;
    });
    expect(captured.error).toBe(failure);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, captured.update!);
    expect(copy.getText('t').toString()).toBe('kept');
    // Nothing is left listening on the document.
    doc.getText('t').insert(0, 'later');
    expect(capture.run(() => {})).toEqual({ update: null });
  });
});
