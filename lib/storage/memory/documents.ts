import { storeCheckpoint, type CheckpointRows } from '../log/checkpoints';
import { foldRows } from '../log/fold';
import { newId } from '../secrets';
import type { DocumentStore } from '../storage';
import type { MemoryTables } from './tables';

function checkpointRows(tables: MemoryTables): CheckpointRows {
  return {
    insert: ({ manuscriptId, name, changedBy, state, wordCount }) => {
      const id = newId();
      tables.drafts.set(id, { id, manuscriptId, kind: 'checkpoint', name, createdBy: null, changedBy: changedBy.join(', '), createdAt: new Date(), wordCount, state });
    },
    listCheckpoints: (manuscriptId) => [...tables.drafts.values()].filter((draft) => draft.manuscriptId === manuscriptId && draft.kind === 'checkpoint'),
    delete: (manuscriptId, ids) => {
      for (const id of ids) if (tables.drafts.get(id)?.manuscriptId === manuscriptId) tables.drafts.delete(id);
    },
  };
}

/** The document log in memory: appends are stored at once (no group commit), folds run inline. */
export function createMemoryDocumentStore(tables: MemoryTables): DocumentStore {
  const rowsOf = (manuscriptId: string) => tables.logs.get(manuscriptId) ?? [];
  return {
    readUpdates: async (manuscriptId) => rowsOf(manuscriptId).map((row) => ({ seq: row.seq, bytes: row.bytes.slice() })),
    async load(manuscriptId) {
      const manuscript = tables.manuscripts.get(manuscriptId);
      if (!manuscript || manuscript.deletedAt) return { status: 'missing' };
      if (manuscript.quarantinedAt) return { status: 'quarantined', reason: manuscript.quarantineReason ?? 'quarantined' };
      return { status: 'ok', rows: rowsOf(manuscriptId).map((row) => ({ seq: row.seq, bytes: row.bytes.slice() })) };
    },
    async append(manuscriptId, update, editorId) {
      if (tables.failAppends) throw new Error('simulated storage failure');
      const manuscript = tables.manuscripts.get(manuscriptId);
      const log = tables.logs.get(manuscriptId);
      if (!manuscript || !log) throw new Error(`unknown manuscript ${manuscriptId}`);
      log.push({ seq: tables.nextSeq++, bytes: update.slice() });
      manuscript.updatedAt = new Date();
      if (editorId) manuscript.lastEditedBy = editorId;
    },
    async compact(manuscriptId) {
      const log = tables.logs.get(manuscriptId);
      if (!log) throw new Error(`unknown manuscript ${manuscriptId}`);
      if (log.length <= 1) return;
      const folded = foldRows(log);
      tables.manuscripts.get(manuscriptId)!.wordCount = folded.wordCount;
      tables.logs.set(manuscriptId, [{ seq: folded.throughSeq, bytes: folded.state }, ...log.filter((row) => row.seq > folded.throughSeq)]);
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      const folded = foldRows(rowsOf(manuscriptId));
      await storeCheckpoint(checkpointRows(tables), { manuscriptId, ...checkpoint, state: folded.state, wordCount: folded.wordCount });
    },
    flush: async () => {},
  };
}
