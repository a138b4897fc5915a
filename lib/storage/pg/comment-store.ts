import type pg from 'pg';
import type { CommentMessageView, CommentThreadView } from '../../comments/protocol';
import type { CommentStore, ImportedThreadRecord } from '../comment-store';
import { GUEST_COLOR } from '../records';
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

interface MessageRow {
  id: string;
  thread_id: string;
  author_id: string | null;
  guest_name: string | null;
  body: string;
  mentions: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  author_name: string | null;
  author_color: string | null;
}

const MESSAGE_COLUMNS = `m.id, m.thread_id, m.author_id, m.guest_name, m.body, m.mentions, m.created_at, m.edited_at, m.deleted_at, u.name AS author_name, u.color AS author_color`;

function messageView(row: MessageRow): CommentMessageView {
  const guest = row.author_id === null && row.guest_name !== null;
  return {
    id: row.id,
    authorId: row.author_id,
    authorName: row.author_name ?? row.guest_name ?? 'Former member',
    authorColor: row.author_color ?? (guest ? GUEST_COLOR : '#888888'),
    ...(guest ? { guest: true } : {}),
    body: row.body,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted_at !== null,
  };
}

/** Comment threads on PostgreSQL, the same views and rules as the SQLite store (one contract suite checks both). */
export function createPgCommentStore(pool: PgPool): CommentStore {
  return {
    async listThreads(manuscriptId, threadIds) {
      const { rows: threads } = await pool.query<{
        id: string;
        scene_id: string;
        anchor_start: string;
        anchor_end: string;
        quote: string;
        quote_prefix: string;
        quote_suffix: string;
        created_by: string | null;
        created_at: number;
        resolved_at: number | null;
        resolved_by_name: string | null;
      }>(
        `SELECT t.id, t.scene_id, t.anchor_start, t.anchor_end, t.quote, t.quote_prefix, t.quote_suffix, t.created_by, t.created_at, t.resolved_at, u.name AS resolved_by_name
         FROM comment_threads t LEFT JOIN users u ON u.id = t.resolved_by
         WHERE t.manuscript_id = $1 AND ($2::text[] IS NULL OR t.id = ANY($2::text[]))
         ORDER BY t.created_at, t.id`,
        [manuscriptId, threadIds ?? null],
      );
      if (threads.length === 0) return [];
      const { rows: messages } = await pool.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM comment_messages m LEFT JOIN users u ON u.id = m.author_id
         WHERE m.thread_id = ANY($1::text[]) ORDER BY m.created_at, m.id`,
        [threads.map((thread) => thread.id)],
      );
      return threads.map(
        (thread): CommentThreadView => ({
          id: thread.id,
          sceneId: thread.scene_id,
          anchor: { start: thread.anchor_start, end: thread.anchor_end },
          quote: thread.quote,
          context: { prefix: thread.quote_prefix, suffix: thread.quote_suffix },
          createdBy: thread.created_by,
          createdAt: thread.created_at,
          resolvedAt: thread.resolved_at,
          resolvedByName: thread.resolved_by_name,
          messages: messages.filter((message) => message.thread_id === thread.id).map(messageView),
        }),
      );
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
      return rows[0] ? messageView(rows[0]) : null;
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
