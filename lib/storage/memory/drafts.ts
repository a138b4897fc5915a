import type { Draft } from '../records';
import { newId } from '../secrets';
import type { DraftStore } from '../storage';
import { deleteRows, findRow, insertRow, nameOf, newestFirst, selectRows, type MemoryTables } from './tables';

/** Named drafts and automatic checkpoints in memory, each scoped to its manuscript. */
export function createMemoryDraftStore(tables: MemoryTables): DraftStore {
  return {
    async insert(input) {
      const id = newId();
      insertRow(tables, 'drafts', { id, ...input, changedBy: input.changedBy ?? '', state: input.state.slice() });
      return id;
    },
    list: async (manuscriptId) =>
      newestFirst(selectRows(tables, 'drafts', (row) => row.manuscriptId === manuscriptId), (row) => row.createdAt).map(({ id, kind, name, createdAt, createdBy, changedBy, wordCount }) => ({
        id,
        kind,
        name,
        createdAt,
        createdByName: nameOf(tables, createdBy),
        changedBy,
        wordCount,
      })),
    async get(manuscriptId, draftId) {
      const draft = findRow(tables, 'drafts', (row) => row.id === draftId && row.manuscriptId === manuscriptId);
      return draft && ({ ...draft, state: draft.state.slice() } satisfies Draft);
    },
    async delete(manuscriptId, ids) {
      deleteRows(tables, 'drafts', (row) => row.manuscriptId === manuscriptId && ids.includes(row.id));
    },
  };
}
