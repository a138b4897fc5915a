import type { DraftKind } from '../records';
import { newId } from '../secrets';
import type { DraftStore } from '../storage';
import type { PgPool } from './connect';
import { asBuffer, bytesOf, dateOf } from './rows';

/** Named drafts and automatic checkpoints on PostgreSQL; every lookup is scoped to its manuscript. */
export function createPgDraftStore(pool: PgPool): DraftStore {
  return {
    async insert(input) {
      const id = newId();
      await pool.query(
        'INSERT INTO drafts (id, manuscript_id, kind, name, created_by, changed_by, word_count, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [id, input.manuscriptId, input.kind, input.name, input.createdBy, input.changedBy ?? '', input.wordCount, asBuffer(input.state)],
      );
      return id;
    },
    async list(manuscriptId) {
      const { rows } = await pool.query<{ id: string; kind: DraftKind; name: string; created_at: number; created_by_name: string | null; changed_by: string; word_count: number }>(
        `SELECT d.id, d.kind, d.name, d.created_at, u.name AS created_by_name, d.changed_by, d.word_count
         FROM drafts d LEFT JOIN users u ON u.id = d.created_by WHERE d.manuscript_id = $1 ORDER BY d.created_at DESC`,
        [manuscriptId],
      );
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        name: row.name,
        createdAt: dateOf(row.created_at),
        createdByName: row.created_by_name,
        changedBy: row.changed_by,
        wordCount: row.word_count,
      }));
    },
    async get(manuscriptId, draftId) {
      const { rows } = await pool.query<{ id: string; manuscript_id: string; kind: DraftKind; name: string; created_by: string | null; changed_by: string; created_at: number; word_count: number; state: Buffer }>(
        'SELECT id, manuscript_id, kind, name, created_by, changed_by, created_at, word_count, state FROM drafts WHERE manuscript_id = $1 AND id = $2',
        [manuscriptId, draftId],
      );
      const row = rows[0];
      return (
        row && {
          id: row.id,
          manuscriptId: row.manuscript_id,
          kind: row.kind,
          name: row.name,
          createdBy: row.created_by,
          changedBy: row.changed_by,
          createdAt: dateOf(row.created_at),
          wordCount: row.word_count,
          state: bytesOf(row.state),
        }
      );
    },
    async delete(manuscriptId, ids) {
      if (ids.length === 0) return;
      await pool.query('DELETE FROM drafts WHERE manuscript_id = $1 AND id = ANY($2::text[])', [manuscriptId, ids]);
    },
  };
}
