import { storeCheckpoint, type CheckpointRows } from '../log/checkpoints';
import { foldRows } from '../log/fold';
import { newId } from '../secrets';
import type { DocumentStore } from '../storage';
import type { StoredUpdate } from '../records';
import { atomically, deleteRows, findRow, insertRow, selectRows, type MemoryTables } from './tables';

function checkpointRows(tables: MemoryTables): CheckpointRows {
  return {
    insert: ({ manuscriptId, name, changedBy, state, wordCount }) => {
      insertRow(tables, 'drafts', { id: newId(), manuscriptId, kind: 'checkpoint', name, createdBy: null, changedBy: changedBy.join(', '), wordCount, state });
    },
    listCheckpoints: (manuscriptId) => selectRows(tables, 'drafts', (draft) => draft.manuscriptId === manuscriptId && draft.kind === 'checkpoint'),
    delete: (manuscriptId, ids) => {
      deleteRows(tables, 'drafts', (draft) => draft.manuscriptId === manuscriptId && ids.includes(draft.id));
    },
  };
}

/** A manuscript's log, oldest first, as copies (nothing a caller does reaches the stored bytes). */
export function logOf(tables: MemoryTables, manuscriptId: string): StoredUpdate[] {
  return selectRows(tables, 'documentUpdates', (row) => row.manuscriptId === manuscriptId)
    .sort((a, b) => a.seq - b.seq)
    .map((row) => ({ seq: row.seq, bytes: row.bytes.slice() }));
}

/** The document log in memory: appends are stored at once (no group commit), folds run inline. */
export function createMemoryDocumentStore(tables: MemoryTables): DocumentStore {
  const manuscriptById = (id: string) => findRow(tables, 'manuscripts', (row) => row.id === id);
  return {
    readUpdates: async (manuscriptId) => logOf(tables, manuscriptId),
    async load(manuscriptId) {
      const manuscript = manuscriptById(manuscriptId);
      if (!manuscript || manuscript.deletedAt) return { status: 'missing' };
      if (manuscript.quarantinedAt) return { status: 'quarantined', reason: manuscript.quarantineReason ?? 'quarantined' };
      return { status: 'ok', rows: logOf(tables, manuscriptId) };
    },
    async append(manuscriptId, update, editorId) {
      if (tables.failAppends) throw new Error('simulated storage failure');
      const manuscript = manuscriptById(manuscriptId);
      if (!manuscript) throw new Error(`unknown manuscript ${manuscriptId}`);
      insertRow(tables, 'documentUpdates', { seq: tables.nextSeq++, manuscriptId, bytes: update.slice() });
      manuscript.updatedAt = new Date();
      if (editorId) manuscript.lastEditedBy = editorId;
    },
    compact: async (manuscriptId) =>
      atomically(tables, () => {
        const rows = logOf(tables, manuscriptId);
        if (rows.length <= 1) return;
        const folded = foldRows(rows);
        manuscriptById(manuscriptId)!.wordCount = folded.wordCount;
        // Exactly the rows read are replaced; the snapshot keeps the last seq it folded.
        deleteRows(tables, 'documentUpdates', (row) => row.manuscriptId === manuscriptId && row.seq <= folded.throughSeq);
        insertRow(tables, 'documentUpdates', { seq: folded.throughSeq, manuscriptId, bytes: folded.state });
      }),
    async saveCheckpoint(manuscriptId, checkpoint) {
      const folded = foldRows(logOf(tables, manuscriptId));
      await storeCheckpoint(checkpointRows(tables), { manuscriptId, ...checkpoint, state: folded.state, wordCount: folded.wordCount });
    },
    flush: async () => {},
  };
}
