import { storeCheckpoint, type CheckpointRows } from '../log/checkpoints';
import type { Folded } from '../log/fold';
import { foldHere, FoldWorker } from '../log/fold-pool';
import { GroupCommitter, type PendingAppend } from '../log/group-commit';
import type { StoredUpdate } from '../records';
import { newId } from '../secrets';
import type { DocumentStore, StorageOptions } from '../storage';
import { inTransaction, type PgPool } from './connect';
import { asBuffer, type Queryable } from './rows';

async function readRows(client: Queryable, manuscriptId: string): Promise<StoredUpdate[]> {
  const { rows } = await client.query<{ seq: number; bytes: Buffer }>('SELECT seq, bytes FROM document_updates WHERE manuscript_id = $1 ORDER BY seq', [manuscriptId]);
  return rows.map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) }));
}

/** Checkpoint rows on PostgreSQL, inside the caller's transaction, for storeCheckpoint. */
function pgCheckpointRows(client: Queryable): CheckpointRows {
  return {
    async insert({ manuscriptId, name, changedBy, state, wordCount }) {
      await client.query("INSERT INTO drafts (id, manuscript_id, kind, name, changed_by, word_count, state) VALUES ($1, $2, 'checkpoint', $3, $4, $5, $6)", [newId(), manuscriptId, name, changedBy.join(', '), wordCount, asBuffer(state)]);
    },
    async listCheckpoints(manuscriptId) {
      const { rows } = await client.query<{ id: string; created_at: number }>("SELECT id, created_at FROM drafts WHERE manuscript_id = $1 AND kind = 'checkpoint'", [manuscriptId]);
      return rows.map((row) => ({ id: row.id, createdAt: new Date(row.created_at) }));
    },
    async delete(manuscriptId, ids) {
      await client.query('DELETE FROM drafts WHERE manuscript_id = $1 AND id = ANY($2::text[])', [manuscriptId, ids]);
    },
  };
}

/** A per-manuscript advisory lock key: compactions and checkpoints of one manuscript take turns across instances. */
const LOCK = "pg_advisory_xact_lock(hashtext('scriptorium:log:' || $1))";

/**
 * The document log on PostgreSQL, the source of truth when several collab instances share one store.
 * Appends are group-committed (one multi-row INSERT per batch). A compaction reads the stored rows
 * under a per-manuscript advisory lock, folds them (on a worker thread unless offThread is false),
 * and deletes exactly the rows it read: a row another instance commits meanwhile, even with a lower
 * seq, is never lost.
 */
export function createPgDocumentStore(pool: PgPool, options: StorageOptions = {}): DocumentStore & { close(): Promise<void> } {
  const folder = (options.offThread ?? true) ? new FoldWorker() : null;
  const fold = (rows: StoredUpdate[]): Promise<Folded> => (folder ? folder.fold(rows.map((row) => ({ seq: row.seq, bytes: row.bytes.slice() }))) : foldHere(rows));

  const appends = new GroupCommitter<PendingAppend, void>(
    async (batch) => {
      const lastEditor = new Map<string, string | null>();
      for (const entry of batch) lastEditor.set(entry.manuscriptId, entry.editorId ?? lastEditor.get(entry.manuscriptId) ?? null);
      // One statement, so one round trip and one implicit transaction per batch; WITH ORDINALITY keeps arrival order in the seqs.
      await pool.query(
        `WITH appended AS (
           INSERT INTO document_updates (manuscript_id, bytes)
           SELECT m, b FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(m, b, n) ORDER BY n
           RETURNING 1
         )
         UPDATE manuscripts AS s SET updated_at = $3, last_edited_by = coalesce(e.editor, s.last_edited_by)
         FROM unnest($4::text[], $5::text[]) AS e(id, editor) WHERE s.id = e.id`,
        [batch.map((entry) => entry.manuscriptId), batch.map((entry) => asBuffer(entry.bytes)), Date.now(), [...lastEditor.keys()], [...lastEditor.values()]],
      );
      return batch.map(() => undefined);
    },
    { windowMs: options.commitWindowMs ?? 0, onCommit: options.onCommit },
  );

  return {
    readUpdates: (manuscriptId) => readRows(pool, manuscriptId),
    async load(manuscriptId) {
      const { rows } = await pool.query<{ deleted_at: number | null; quarantined_at: number | null; quarantine_reason: string | null }>(
        'SELECT deleted_at, quarantined_at, quarantine_reason FROM manuscripts WHERE id = $1',
        [manuscriptId],
      );
      const manuscript = rows[0];
      if (!manuscript || manuscript.deleted_at) return { status: 'missing' };
      if (manuscript.quarantined_at) return { status: 'quarantined', reason: manuscript.quarantine_reason ?? 'quarantined' };
      return { status: 'ok', rows: await readRows(pool, manuscriptId) };
    },
    async append(manuscriptId, bytes, editorId) {
      await appends.submit({ manuscriptId, bytes, editorId });
    },
    async compact(manuscriptId) {
      await appends.drained();
      await inTransaction(pool, async (client) => {
        await client.query(`SELECT ${LOCK}`, [manuscriptId]);
        const rows = await readRows(client, manuscriptId);
        if (rows.length <= 1) return;
        const folded = await fold(rows);
        await client.query('DELETE FROM document_updates WHERE manuscript_id = $1 AND seq = ANY($2::bigint[])', [manuscriptId, rows.map((row) => row.seq)]);
        await client.query('INSERT INTO document_updates (seq, manuscript_id, bytes) VALUES ($1, $2, $3)', [folded.throughSeq, manuscriptId, asBuffer(folded.state)]);
        await client.query('UPDATE manuscripts SET word_count = $1 WHERE id = $2', [folded.wordCount, manuscriptId]);
      });
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      await appends.drained();
      await inTransaction(pool, async (client) => {
        await client.query(`SELECT ${LOCK}`, [manuscriptId]);
        const folded = await fold(await readRows(client, manuscriptId));
        await storeCheckpoint(pgCheckpointRows(client), { manuscriptId, ...checkpoint, state: folded.state, wordCount: folded.wordCount });
      });
    },
    flush: () => appends.flushNow(),
    close: async () => {
      await appends.flushNow();
      await folder?.close();
    },
  };
}
