import { TRASH_RETENTION_DAYS, type Manuscript, type ManuscriptListing, type Role } from '../records';
import { newId } from '../secrets';
import type { ManuscriptStore } from '../storage';
import { inTransaction, type PgPool } from './connect';
import { asBuffer, dateOf, dateOrNull } from './rows';

const DAY_MS = 24 * 60 * 60 * 1000;

interface ManuscriptRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  quarantined_at: number | null;
  quarantine_reason: string | null;
  deleted_at: number | null;
  last_edited_by: string | null;
  word_count: number;
  author_legal_name: string;
  byline: string;
  contact_address: string;
  contact_email: string;
  contact_phone: string;
  genre: string;
  running_head_keyword: string;
  target_words: number | null;
  deadline: string | null;
}

const MANUSCRIPT_COLUMNS = [
  'id', 'title', 'created_at', 'updated_at', 'quarantined_at', 'quarantine_reason', 'deleted_at', 'last_edited_by', 'word_count',
  'author_legal_name', 'byline', 'contact_address', 'contact_email', 'contact_phone', 'genre', 'running_head_keyword', 'target_words', 'deadline',
].map((column) => `s.${column}`).join(', ');

const manuscriptOf = (row: ManuscriptRow): Manuscript => ({
  id: row.id,
  title: row.title,
  createdAt: dateOf(row.created_at),
  updatedAt: dateOf(row.updated_at),
  quarantinedAt: dateOrNull(row.quarantined_at),
  quarantineReason: row.quarantine_reason,
  deletedAt: dateOrNull(row.deleted_at),
  lastEditedBy: row.last_edited_by,
  wordCount: row.word_count,
  authorLegalName: row.author_legal_name,
  byline: row.byline,
  contactAddress: row.contact_address,
  contactEmail: row.contact_email,
  contactPhone: row.contact_phone,
  genre: row.genre,
  runningHeadKeyword: row.running_head_keyword,
  targetWords: row.target_words,
  deadline: row.deadline,
});

interface ListingRow {
  id: string;
  title: string;
  role: Role;
  updated_at: number;
  word_count: number;
  last_edited_by_name: string | null;
  deleted_at: number | null;
}

const LISTING = `SELECT s.id, s.title, m.role, s.updated_at, s.word_count, e.name AS last_edited_by_name, s.deleted_at
  FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id LEFT JOIN users e ON e.id = s.last_edited_by`;

const listingOf = (row: ListingRow): ManuscriptListing => ({
  id: row.id,
  title: row.title,
  role: row.role,
  updatedAt: dateOf(row.updated_at),
  wordCount: row.word_count,
  lastEditedByName: row.last_edited_by_name,
  deletedAt: dateOrNull(row.deleted_at),
});

/** Manuscripts on PostgreSQL: creation with the owner and first document, listings, trash and settings. */
export function createPgManuscriptStore(pool: PgPool): ManuscriptStore {
  return {
    create(input) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query<ManuscriptRow>(
          `INSERT INTO manuscripts AS s (id, title, last_edited_by) VALUES ($1, $2, $3) RETURNING ${MANUSCRIPT_COLUMNS}`,
          [newId(), input.title.trim(), input.ownerId],
        );
        const manuscript = manuscriptOf(rows[0]!);
        await client.query("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, $2, 'owner')", [manuscript.id, input.ownerId]);
        await client.query('INSERT INTO document_updates (manuscript_id, bytes) VALUES ($1, $2)', [manuscript.id, asBuffer(input.initialUpdate)]);
        return manuscript;
      });
    },
    async get(id) {
      const { rows } = await pool.query<ManuscriptRow>(`SELECT ${MANUSCRIPT_COLUMNS} FROM manuscripts s WHERE s.id = $1`, [id]);
      return rows[0] && manuscriptOf(rows[0]);
    },
    async getForMember(userId, manuscriptId) {
      const { rows } = await pool.query<ManuscriptRow & { member_role: Role }>(
        `SELECT ${MANUSCRIPT_COLUMNS}, m.role AS member_role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
         WHERE m.manuscript_id = $1 AND m.user_id = $2`,
        [manuscriptId, userId],
      );
      return rows[0] && { manuscript: manuscriptOf(rows[0]), role: rows[0].member_role };
    },
    async listForUser(userId) {
      const { rows } = await pool.query<ListingRow>(`${LISTING} WHERE m.user_id = $1 AND s.deleted_at IS NULL ORDER BY s.updated_at DESC`, [userId]);
      const listings = rows.map(listingOf);
      return { mine: listings.filter((row) => row.role === 'owner'), shared: listings.filter((row) => row.role !== 'owner') };
    },
    async listTrashForUser(userId) {
      const { rows } = await pool.query<ListingRow>(
        `${LISTING} WHERE m.user_id = $1 AND m.role = 'owner' AND s.deleted_at IS NOT NULL ORDER BY s.deleted_at DESC`,
        [userId],
      );
      return rows.map(listingOf);
    },
    async rename(id, title) {
      await pool.query('UPDATE manuscripts SET title = $1 WHERE id = $2', [title.trim(), id]);
    },
    async trash(id, now = new Date()) {
      await pool.query('UPDATE manuscripts SET deleted_at = $1 WHERE id = $2', [now.getTime(), id]);
    },
    async restore(id) {
      await pool.query('UPDATE manuscripts SET deleted_at = NULL WHERE id = $1', [id]);
    },
    async purgeExpiredTrash(now = Date.now()) {
      // Members, invitations, the log, drafts, comments and notifications go with it (ON DELETE CASCADE).
      const { rowCount } = await pool.query('DELETE FROM manuscripts WHERE deleted_at < $1', [now - TRASH_RETENTION_DAYS * DAY_MS]);
      return rowCount ?? 0;
    },
    async quarantine(id, reason) {
      await pool.query('UPDATE manuscripts SET quarantined_at = $1, quarantine_reason = $2 WHERE id = $3', [Date.now(), reason, id]);
    },
    async recordWordCount(id, wordCount) {
      await pool.query('UPDATE manuscripts SET word_count = $1 WHERE id = $2', [wordCount, id]);
    },
    async updateSettings(id, settings) {
      await pool.query(
        `UPDATE manuscripts SET title = $1, author_legal_name = $2, byline = $3, contact_address = $4, contact_email = $5,
           contact_phone = $6, genre = $7, running_head_keyword = $8, target_words = $9, deadline = $10
         WHERE id = $11`,
        [settings.title, settings.authorLegalName, settings.byline, settings.contactAddress, settings.contactEmail, settings.contactPhone, settings.genre, settings.runningHeadKeyword, settings.targetWords, settings.deadline, id],
      );
    },
  };
}
