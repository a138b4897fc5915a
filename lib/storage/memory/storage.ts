import { TRASH_RETENTION_DAYS, type Draft, type ManuscriptListing, type Role, type StoredUpdate } from '../records';
import { newId } from '../secrets';
import type { DraftStore, ManuscriptStore, MemberStore, Storage } from '../storage';
import { createMemoryDocumentStore } from './documents';
import { createMemoryTables, newManuscriptRow, type MemoryTables } from './tables';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A store this engine does not keep yet: the collab server's stores are here, the web app's accounts, comments and inbox are not. */
function unsupported<T extends object>(store: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () => Promise.reject(new Error(`the memory engine has no ${store}.${String(method)}`)),
  });
}

function manuscriptStore(tables: MemoryTables): ManuscriptStore {
  const listing = (userId: string, trashed: boolean): ManuscriptListing[] =>
    [...tables.manuscripts.values()]
      .filter((manuscript) => Boolean(manuscript.deletedAt) === trashed && tables.members.get(manuscript.id)?.has(userId))
      .map(({ id, title, updatedAt, wordCount, deletedAt }) => ({ id, title, updatedAt, wordCount, deletedAt, role: tables.members.get(id)!.get(userId)!, lastEditedByName: null }))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const update = (id: string, change: Partial<ReturnType<typeof newManuscriptRow>>) => {
    const manuscript = tables.manuscripts.get(id);
    if (manuscript) Object.assign(manuscript, change);
  };
  return {
    async create({ title, ownerId, initialUpdate }) {
      const manuscript = { ...newManuscriptRow(newId(), title.trim()), lastEditedBy: ownerId };
      tables.manuscripts.set(manuscript.id, manuscript);
      tables.members.set(manuscript.id, new Map([[ownerId, 'owner']]));
      tables.logs.set(manuscript.id, [{ seq: tables.nextSeq++, bytes: initialUpdate.slice() }]);
      return { ...manuscript };
    },
    get: async (id) => {
      const manuscript = tables.manuscripts.get(id);
      return manuscript && { ...manuscript };
    },
    async getForMember(userId, manuscriptId) {
      const manuscript = tables.manuscripts.get(manuscriptId);
      const role = tables.members.get(manuscriptId)?.get(userId);
      return manuscript && role ? { manuscript: { ...manuscript }, role } : undefined;
    },
    listForUser: async (userId) => {
      const rows = listing(userId, false);
      return { mine: rows.filter((row) => row.role === 'owner'), shared: rows.filter((row) => row.role !== 'owner') };
    },
    listTrashForUser: async (userId) => listing(userId, true).filter((row) => row.role === 'owner'),
    rename: async (id, title) => update(id, { title: title.trim() }),
    trash: async (id, now = new Date()) => update(id, { deletedAt: now }),
    restore: async (id) => update(id, { deletedAt: null }),
    async purgeExpiredTrash(now = Date.now()) {
      const expired = [...tables.manuscripts.values()].filter((manuscript) => manuscript.deletedAt && manuscript.deletedAt.getTime() < now - TRASH_RETENTION_DAYS * DAY_MS);
      for (const { id } of expired) {
        tables.manuscripts.delete(id);
        tables.logs.delete(id);
        tables.members.delete(id);
        for (const draft of tables.drafts.values()) if (draft.manuscriptId === id) tables.drafts.delete(draft.id);
      }
      return expired.length;
    },
    quarantine: async (id, reason) => update(id, { quarantinedAt: new Date(), quarantineReason: reason }),
    recordWordCount: async (id, wordCount) => update(id, { wordCount }),
    updateSettings: async (id, settings) => update(id, settings),
  };
}

function memberStore(tables: MemoryTables): MemberStore {
  const live = (manuscriptId: string) => {
    const manuscript = tables.manuscripts.get(manuscriptId);
    return manuscript && !manuscript.deletedAt ? (tables.members.get(manuscriptId) ?? new Map<string, Role>()) : new Map<string, Role>();
  };
  return {
    ...unsupported<MemberStore>('members'),
    getRole: async (manuscriptId, userId) => live(manuscriptId).get(userId) ?? null,
    async setRole(manuscriptId, userId, role) {
      const members = tables.members.get(manuscriptId);
      if (members?.has(userId)) members.set(userId, role);
    },
    remove: async (manuscriptId, userId) => void tables.members.get(manuscriptId)?.delete(userId),
    rolesFor: async (manuscriptIds) => new Map(manuscriptIds.map((id) => [id, new Map(live(id))])),
  };
}

function draftStore(tables: MemoryTables): DraftStore {
  const copy = (draft: Draft): Draft => ({ ...draft, state: draft.state.slice() });
  return {
    async insert(input) {
      const id = newId();
      tables.drafts.set(id, { id, ...input, changedBy: input.changedBy ?? '', createdAt: new Date(), state: input.state.slice() });
      return id;
    },
    list: async (manuscriptId) =>
      [...tables.drafts.values()]
        .filter((draft) => draft.manuscriptId === manuscriptId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map(({ id, kind, name, createdAt, changedBy, wordCount }) => ({ id, kind, name, createdAt, changedBy, wordCount, createdByName: null })),
    async get(manuscriptId, draftId) {
      const draft = tables.drafts.get(draftId);
      return draft?.manuscriptId === manuscriptId ? copy(draft) : undefined;
    },
    async delete(manuscriptId, ids) {
      for (const id of ids) if (tables.drafts.get(id)?.manuscriptId === manuscriptId) tables.drafts.delete(id);
    },
  };
}

/**
 * The in-memory engine for unit tests: the collab server's stores (documents, manuscripts, members'
 * roles, drafts) behave as on SQLite and PostgreSQL; the rest reject. The helpers beside `storage`
 * set up and look at what the interface does not (a corrupt row, a full disk).
 */
export function createMemoryStorage() {
  const tables = createMemoryTables();
  const storage: Storage = {
    engine: 'memory',
    users: unsupported('users'),
    manuscripts: manuscriptStore(tables),
    members: memberStore(tables),
    drafts: draftStore(tables),
    documents: createMemoryDocumentStore(tables),
    comments: unsupported('comments'),
    notifications: unsupported('notifications'),
    ping: async () => {},
    backup: () => Promise.reject(new Error('the memory engine keeps no file to back up')),
    close: async () => {},
  };
  return {
    storage,
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
      tables.manuscripts.set(id, newManuscriptRow(id, 'Test'));
      tables.members.set(id, new Map());
      tables.logs.set(id, initial ? [{ seq: tables.nextSeq++, bytes: initial.slice() }] : []);
    },
    /** Appends raw bytes without any checks, to simulate a corrupt stored row. */
    appendRaw(id: string, bytes: Uint8Array) {
      tables.logs.get(id)?.push({ seq: tables.nextSeq++, bytes });
    },
    rows: (id: string): StoredUpdate[] => tables.logs.get(id) ?? [],
    setRole(id: string, userId: string, role: Role) {
      tables.members.get(id)?.set(userId, role);
    },
    /** Saves a named draft directly, as web would. */
    addDraft(id: string, draftId: string, name: string, state: Uint8Array) {
      tables.drafts.set(draftId, { id: draftId, manuscriptId: id, kind: 'draft', name, createdBy: null, changedBy: '', createdAt: new Date(), wordCount: 0, state: state.slice() });
    },
    checkpoints: (id: string) =>
      [...tables.drafts.values()]
        .filter((draft) => draft.manuscriptId === id && draft.kind === 'checkpoint')
        .map((draft) => ({ name: draft.name, state: draft.state, changedBy: draft.changedBy ? draft.changedBy.split(', ') : [] })),
    wordCount: (id: string): number | undefined => tables.manuscripts.get(id)?.wordCount,
    quarantineReason: (id: string): string | undefined => tables.manuscripts.get(id)?.quarantineReason ?? undefined,
  };
}

export type MemoryStorage = ReturnType<typeof createMemoryStorage>;
