import { newId } from '../../lib/db/ids';
import { checkpointsToDrop } from '../../lib/drafts/retention';
import { inTransaction, type PgPool } from '../../lib/storage/pg/connect';
import { foldRows, type Folded } from './fold';
import { FoldWorker } from './fold-pool';
import { GroupCommitter, type CommitReport } from './group-commit';
import type { Persistence, StoredUpdate } from './persistence';

export interface PgPersistenceOptions {
  /** At most one commit starts per window; see GroupCommitter. */
  commitWindowMs: number;
  onCommit?: (report: CommitReport) => void;
  /** Fold snapshots on a worker thread (the default), so replaying a long log never stalls keystrokes. */
  offThread?: boolean;
}

interface PendingAppend {
  manuscriptId: string;
  bytes: Uint8Array;
  editorId?: string;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

type Queryable = Pick<PgPool, 'query'>;

async function readRows(client: Queryable, manuscriptId: string): Promise<StoredUpdate[]> {
  const { rows } = await client.query<{ seq: number; bytes: Buffer }>('SELECT seq, bytes FROM document_updates WHERE manuscript_id = $1 ORDER BY seq', [manuscriptId]);
  return rows.map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) }));
}

/** A per-manuscript advisory lock key: compactions and checkpoints of one manuscript take turns across instances. */
const LOCK = "pg_advisory_xact_lock(hashtext('scriptorium:log:' || $1))";

/**
 * Persistence over PostgreSQL, the source of truth when several collab instances share one store.
 * Appends are group-committed (one multi-row INSERT per batch). A compaction reads the stored rows
 * under a per-manuscript advisory lock, folds them, and deletes exactly the rows it read: a row
 * another instance commits meanwhile, even with a lower seq, is never lost.
 */
export function createPgPersistence(pool: PgPool, options: PgPersistenceOptions = { commitWindowMs: 0 }): Persistence {
  const folder = (options.offThread ?? true) ? new FoldWorker() : null;
  const fold = (rows: StoredUpdate[]): Promise<Folded> => (folder ? folder.fold(rows.map((row) => ({ seq: row.seq, bytes: row.bytes.slice() }))) : Promise.resolve(foldRows(rows)));

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
    { windowMs: options.commitWindowMs, onCommit: options.onCommit },
  );

  return {
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
    async quarantine(manuscriptId, reason) {
      await pool.query('UPDATE manuscripts SET quarantined_at = $1, quarantine_reason = $2 WHERE id = $3', [Date.now(), reason, manuscriptId]);
    },
    async saveCheckpoint(manuscriptId, checkpoint) {
      await appends.drained();
      await inTransaction(pool, async (client) => {
        await client.query(`SELECT ${LOCK}`, [manuscriptId]);
        const folded = await fold(await readRows(client, manuscriptId));
        await client.query(
          "INSERT INTO drafts (id, manuscript_id, kind, name, changed_by, word_count, state) VALUES ($1, $2, 'checkpoint', $3, $4, $5, $6)",
          [newId(), manuscriptId, checkpoint.name, checkpoint.changedBy.join(', '), folded.wordCount, asBuffer(folded.state)],
        );
        const { rows } = await client.query<{ id: string; created_at: number }>("SELECT id, created_at FROM drafts WHERE manuscript_id = $1 AND kind = 'checkpoint'", [manuscriptId]);
        const drop = checkpointsToDrop(rows.map((row) => ({ id: row.id, createdAt: new Date(row.created_at) })));
        if (drop.length > 0) await client.query('DELETE FROM drafts WHERE manuscript_id = $1 AND id = ANY($2::text[])', [manuscriptId, drop]);
      });
    },
    async loadDraft(manuscriptId, draftId) {
      const { rows } = await pool.query<{ name: string; state: Buffer }>('SELECT name, state FROM drafts WHERE manuscript_id = $1 AND id = $2', [manuscriptId, draftId]);
      const draft = rows[0];
      return draft ? { name: draft.name, state: new Uint8Array(draft.state) } : null;
    },
    flush: () => appends.flushNow(),
    close: async () => {
      await appends.flushNow();
      await folder?.close();
    },
  };
}
