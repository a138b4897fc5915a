import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FoldWorker } from './fold-pool';

describe('FoldWorker', () => {
  it('folds stored rows into one snapshot on a worker thread, and reports a row that does not decode', async () => {
    const doc = new Y.Doc();
    const rows: { seq: number; bytes: Uint8Array }[] = [];
    doc.on('update', (bytes: Uint8Array) => rows.push({ seq: rows.length + 1, bytes }));
    for (const char of 'folded') doc.getText('t').insert(doc.getText('t').length, char);
    const worker = new FoldWorker();
    try {
      const folded = await worker.fold(rows);
      expect(folded.throughSeq).toBe(6);
      const replayed = new Y.Doc();
      Y.applyUpdate(replayed, folded.state);
      expect(replayed.getText('t').toString()).toBe('folded');
      await expect(worker.fold([{ seq: 1, bytes: new Uint8Array([1, 200, 3]) }])).rejects.toThrow(/seq 1/);
    } finally {
      await worker.close();
    }
  });
});
