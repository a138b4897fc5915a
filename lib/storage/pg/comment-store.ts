import type pg from 'pg';
import { messageViewOf, threadViewOf, type CommentStore, type ImportedThreadRecord, type MessageRow, type ThreadRow } from '../comment-store';
import { newId } from '../secrets';
import { inTransaction, type PgPool } from './connect';

/** One imported message (a member's, or a guest's by name), as it came from the file. */
async function insertImportedMessage(client: pg.PoolClient, threadId: string, message: ImportedThreadRecord['messages'][number]): Promise<void> {
  await client.query('INSERT INTO comment_messages (id, thread_id, author_id, guest_name, body, mentions, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    newId(),
    threadId,
    message.authorId,
    message.authorId ? null : message.guestName,
    message.body,
    '[]',
    message.createdAt,
  ]);
}

// Aliased to the engine-neutral row shapes, so both engines build their views in one place.
const MESSAGE_COLUMNS = `m.id, m.thread_id AS "threadId", m.author_id AS "authorId", m.guest_name AS "guestName", m.body, m.mentions, m.created_at AS "createdAt",
  m.edited_at AS "editedAt", m.deleted_at AS "deletedAt", u.name AS "authorName", u.color AS "authorColor"`;
const THREAD_COLUMNS = `t.id, t.scene_id AS "sceneId", t.anchor_start AS "anchorStart", t.anchor_end AS "anchorEnd", t.quote, t.quote_prefix AS "quotePrefix",
  t.quote_suffix AS "quoteSuffix", t.created_by AS "createdBy", t.created_at AS "createdAt", t.resolved_at AS "resolvedAt", u.name AS "resolvedByName"`;

/** Comment threads on PostgreSQL, the same views and rules as the SQLite store (one contract suite checks both). */
export function createPgCommentStore(pool: PgPool): CommentStore {
  return {
    async listThreads(manuscriptId, threadIds) {
      const { rows: threads } = await pool.query<ThreadRow>(
        `SELECT ${THREAD_COLUMNS} FROM comment_threads t LEFT JOIN users u ON u.id = t.resolved_by
         WHERE t.manuscript_id = $1 AND ($2::text[] IS NULL OR t.id = ANY($2::text[]))
         ORDER BY t.created_at, t.id`,
        [manuscriptId, threadIds ?? null],
      );
      if (threads.length === 0) return [];
      const { rows: messages } = await pool.query<MessageRow & { threadId: string }>(
        `SELECT ${MESSAGE_COLUMNS} FROM comment_messages m LEFT JOIN users u ON u.id = m.author_id
         WHERE m.thread_id = ANY($1::text[]) ORDER BY m.created_at, m.id`,
        [threads.map((thread) => thread.id)],
      );
      return threads.map((thread) => threadViewOf(thread, messages.filter((message) => message.threadId === thread.id).map(messageViewOf)));
    },
    async createThread(input) {
      const id = newId();
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO comment_threads (id, manuscript_id, scene_id, anchor_start, anchor_end, quote, quote_prefix, quote_suffix, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [id, input.manuscriptId, input.sceneId, input.anchor.start, input.anchor.end, input.quote, input.context?.prefix ?? '', input.context?.suffix ?? '', input.authorId],
        );
        await client.query('INSERT INTO comment_messages (id, thread_id, author_id, body, mentions) VALUES ($1, $2, $3, $4, $5)', [newId(), id, input.authorId, input.body, JSON.stringify(input.mentions)]);
      });
      return id;
    },
    async importThreads(manuscriptId, threads) {
      const ids: string[] = [];
      await inTransaction(pool, async (client) => {
        for (const thread of threads) {
          const id = newId();
          ids.push(id);
          const first = thread.messages[0];
          await client.query(
            `INSERT INTO comment_threads (id, manuscript_id, scene_id, anchor_start, anchor_end, quote, quote_prefix, quote_suffix, created_by, created_at, resolved_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [id, manuscriptId, thread.sceneId, thread.anchor.start, thread.anchor.end, thread.quote, thread.context.prefix, thread.context.suffix, first?.authorId ?? null, first?.createdAt ?? Date.now(), thread.resolvedAt],
          );
          for (const message of thread.messages) await insertImportedMessage(client, id, message);
        }
      });
      return ids;
    },
    async importReplies(manuscriptId, replies) {
      const added: string[] = [];
      await inTransaction(pool, async (client) => {
        for (const { threadId, messages } of replies) {
          const { rowCount } = await client.query('SELECT 1 FROM comment_threads WHERE id = $1 AND manuscript_id = $2', [threadId, manuscriptId]);
          if (!rowCount || messages.length === 0) continue;
          added.push(threadId);
          for (const message of messages) await insertImportedMessage(client, threadId, message);
        }
      });
      return added;
    },
    async hasThread(manuscriptId, threadId) {
      const { rowCount } = await pool.query('SELECT 1 FROM comment_threads WHERE id = $1 AND manuscript_id = $2', [threadId, manuscriptId]);
      return (rowCount ?? 0) > 0;
    },
    async addMessage(input) {
      const id = newId();
      await pool.query('INSERT INTO comment_messages (id, thread_id, author_id, body, mentions) VALUES ($1, $2, $3, $4, $5)', [id, input.threadId, input.authorId, input.body, JSON.stringify(input.mentions)]);
      return id;
    },
    async getMessage(manuscriptId, messageId) {
      const { rows } = await pool.query<{ thread_id: string; author_id: string | null; mentions: string; deleted_at: number | null }>(
        `SELECT m.thread_id, m.author_id, m.mentions, m.deleted_at FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
         WHERE m.id = $1 AND t.manuscript_id = $2`,
        [messageId, manuscriptId],
      );
      const row = rows[0];
      return row ? { threadId: row.thread_id, authorId: row.author_id, mentions: JSON.parse(row.mentions) as string[], deleted: row.deleted_at !== null } : null;
    },
    async getMessageView(messageId) {
      const { rows } = await pool.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM comment_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.id = $1`, [messageId]);
      return rows[0] ? messageViewOf(rows[0]) : null;
    },
    async editMessage(messageId, body, mentions) {
      await pool.query('UPDATE comment_messages SET body = $1, mentions = $2, edited_at = $3 WHERE id = $4', [body, JSON.stringify(mentions), Date.now(), messageId]);
    },
    async deleteMessage(messageId) {
      await pool.query("UPDATE comment_messages SET body = '', mentions = '[]', deleted_at = $1 WHERE id = $2", [Date.now(), messageId]);
    },
    async setThreadResolved(manuscriptId, threadId, resolvedBy) {
      const { rows } = await pool.query<{ resolved_at: number | null }>(
        'UPDATE comment_threads SET resolved_at = $1, resolved_by = $2 WHERE id = $3 AND manuscript_id = $4 RETURNING resolved_at',
        [resolvedBy ? Date.now() : null, resolvedBy, threadId, manuscriptId],
      );
      return rows[0]?.resolved_at ?? null;
    },
    async deleteThread(threadId) {
      await pool.query('DELETE FROM comment_threads WHERE id = $1', [threadId]);
    },
    async reanchorThread(threadId, previous, next) {
      const { rowCount } = await pool.query(
        `UPDATE comment_threads SET anchor_start = $1, anchor_end = $2, quote = $3, quote_prefix = $4, quote_suffix = $5
         WHERE id = $6 AND anchor_start = $7 AND anchor_end = $8`,
        [next.anchor.start, next.anchor.end, next.quote, next.context.prefix, next.context.suffix, threadId, previous.start, previous.end],
      );
      return rowCount === 1;
    },
    async memberIds(manuscriptId) {
      const { rows } = await pool.query<{ user_id: string }>(
        'SELECT m.user_id FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id WHERE m.manuscript_id = $1 AND s.deleted_at IS NULL',
        [manuscriptId],
      );
      return new Set(rows.map((row) => row.user_id));
    },
  };
}
