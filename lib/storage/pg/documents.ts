import type { DocumentStore } from '../storage';
import type { PgPool } from './connect';
import { bytesOf } from './rows';

/** The document log as the web app reads it on PostgreSQL (the collab server writes it through server/persistence). */
export function createPgDocumentStore(pool: PgPool): DocumentStore {
  return {
    async readUpdates(manuscriptId) {
      const { rows } = await pool.query<{ seq: number; bytes: Buffer }>('SELECT seq, bytes FROM document_updates WHERE manuscript_id = $1 ORDER BY seq', [manuscriptId]);
      return rows.map((row) => ({ seq: row.seq, bytes: bytesOf(row.bytes) }));
    },
  };
}
