import { TRASH_RETENTION_DAYS, type ManuscriptListing } from '../records';
import { newId } from '../secrets';
import type { ManuscriptStore } from '../storage';
import { atomically, copyRow, deleteRows, findRow, insertRow, membershipOf, nameOf, newestFirst, selectRows, type MemoryTables, type Row } from './tables';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Manuscripts in memory: trashing only marks them; a purge takes everything of theirs, as the schema's cascades do. */
export function createMemoryManuscriptStore(tables: MemoryTables): ManuscriptStore {
  const manuscriptById = (id: string) => findRow(tables, 'manuscripts', (row) => row.id === id);
  const update = (id: string, change: Partial<Row<'manuscripts'>>) => {
    const manuscript = manuscriptById(id);
    if (manuscript) Object.assign(manuscript, change);
  };
  /** The writer's manuscripts with their role, live or trashed. */
  const listing = (userId: string, trashed: boolean): ManuscriptListing[] =>
    selectRows(tables, 'memberships', (row) => row.userId === userId).flatMap(({ manuscriptId, role }) => {
      const manuscript = manuscriptById(manuscriptId);
      if (!manuscript || (manuscript.deletedAt !== null) !== trashed) return [];
      const { id, title, updatedAt, wordCount, deletedAt, lastEditedBy } = manuscript;
      return [{ id, title, role, updatedAt, wordCount, lastEditedByName: nameOf(tables, lastEditedBy), deletedAt }];
    });
  return {
    create: async ({ title, ownerId, initialUpdate }) =>
      atomically(tables, () => {
        const manuscript = insertRow(tables, 'manuscripts', { id: newId(), title: title.trim(), lastEditedBy: ownerId });
        insertRow(tables, 'memberships', { manuscriptId: manuscript.id, userId: ownerId, role: 'owner' });
        insertRow(tables, 'documentUpdates', { seq: tables.nextSeq++, manuscriptId: manuscript.id, bytes: initialUpdate.slice() });
        return copyRow(manuscript);
      }),
    async get(id) {
      const manuscript = manuscriptById(id);
      return manuscript && copyRow(manuscript);
    },
    async getForMember(userId, manuscriptId) {
      const manuscript = manuscriptById(manuscriptId);
      const membership = membershipOf(tables, manuscriptId, userId);
      return manuscript && membership ? { manuscript: copyRow(manuscript), role: membership.role } : undefined;
    },
    async listForUser(userId) {
      const rows = newestFirst(listing(userId, false), (row) => row.updatedAt);
      return { mine: rows.filter((row) => row.role === 'owner'), shared: rows.filter((row) => row.role !== 'owner') };
    },
    listTrashForUser: async (userId) =>
      newestFirst(
        listing(userId, true).filter((row) => row.role === 'owner'),
        (row) => row.deletedAt,
      ),
    rename: async (id, title) => update(id, { title: title.trim() }),
    trash: async (id, now = new Date()) => update(id, { deletedAt: now }),
    restore: async (id) => update(id, { deletedAt: null }),
    async purgeExpiredTrash(now = Date.now()) {
      const cutoff = now - TRASH_RETENTION_DAYS * DAY_MS;
      return deleteRows(tables, 'manuscripts', (row) => row.deletedAt !== null && row.deletedAt.getTime() < cutoff);
    },
    quarantine: async (id, reason) => update(id, { quarantinedAt: new Date(), quarantineReason: reason }),
    recordWordCount: async (id, wordCount) => update(id, { wordCount }),
    updateSettings: async (id, settings) => update(id, { ...settings }),
  };
}
