import type { StoredUpdate } from '../records';
import type { Storage } from '../storage';
import { createMemoryCommentStore } from './comments';
import { createMemoryDocumentStore, logOf } from './documents';
import { createMemoryDraftStore } from './drafts';
import { createMemoryManuscriptStore } from './manuscripts';
import { createMemoryMemberStore } from './members';
import { createMemoryNotificationStore } from './notifications';
import { createMemoryTables, findRow, insertRow, selectRows } from './tables';
import { createMemoryUserStore } from './users';

/**
 * The in-memory engine for unit tests: every store behaves as on SQLite and PostgreSQL (the one
 * contract suite checks all three), over plain arrays of the schema's rows. The helpers beside
 * `storage` set up and look at what the interface does not (a corrupt row, a full disk).
 */
export function createMemoryStorage() {
  const tables = createMemoryTables();
  const storage: Storage = {
    engine: 'memory',
    users: createMemoryUserStore(tables),
    manuscripts: createMemoryManuscriptStore(tables),
    members: createMemoryMemberStore(tables),
    drafts: createMemoryDraftStore(tables),
    documents: createMemoryDocumentStore(tables),
    comments: createMemoryCommentStore(tables),
    notifications: createMemoryNotificationStore(tables),
    ping: async () => {},
    backup: () => Promise.reject(new Error('the memory engine keeps no file to back up')),
    close: async () => {},
  };
  const manuscriptById = (id: string) => findRow(tables, 'manuscripts', (row) => row.id === id);
  return {
    storage,
    /** The rows themselves, for a test helper that sets up or looks at what the interface does not. */
    tables,
    /** `state.failAppends = true` makes every append fail, as a full disk would. */
    state: {
      get failAppends() {
        return tables.failAppends;
      },
      set failAppends(fail: boolean) {
        tables.failAppends = fail;
      },
    },
    /** Creates a manuscript with an optional first row. */
    create(id: string, initial?: Uint8Array) {
      insertRow(tables, 'manuscripts', { id, title: 'Test' });
      if (initial) insertRow(tables, 'documentUpdates', { seq: tables.nextSeq++, manuscriptId: id, bytes: initial.slice() });
    },
    /** Appends raw bytes without any checks, to simulate a corrupt stored row. */
    appendRaw(id: string, bytes: Uint8Array) {
      insertRow(tables, 'documentUpdates', { seq: tables.nextSeq++, manuscriptId: id, bytes });
    },
    rows: (id: string): StoredUpdate[] => logOf(tables, id),
    /** Saves a named draft directly, as web would. */
    addDraft(id: string, draftId: string, name: string, state: Uint8Array) {
      insertRow(tables, 'drafts', { id: draftId, manuscriptId: id, kind: 'draft', name, createdBy: null, wordCount: 0, state: state.slice() });
    },
    checkpoints: (id: string) =>
      selectRows(tables, 'drafts', (draft) => draft.manuscriptId === id && draft.kind === 'checkpoint').map((draft) => ({
        name: draft.name,
        state: draft.state,
        changedBy: draft.changedBy ? draft.changedBy.split(', ') : [],
      })),
    quarantineReason: (id: string): string | undefined => manuscriptById(id)?.quarantineReason ?? undefined,
  };
}

export type MemoryStorage = ReturnType<typeof createMemoryStorage>;
