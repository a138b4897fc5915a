import { DEFAULT_NOTIFICATION_SETTINGS, NOTIFICATION_KINDS, type EmailMode, type NotificationKind, type NotificationSettingsView, type NotificationView } from '../records';
import { newId } from '../secrets';
import type { NotificationStore } from '../storage';
import { inTransaction, type PgPool } from './connect';
import type { Queryable } from './rows';

/** An inbox item may quote at most this much of a comment or passage. */
const MAX_EXCERPT_CHARS = 280;

async function settingsOf(client: Queryable, userId: string): Promise<NotificationSettingsView> {
  const { rows } = await client.query<{ kinds: string; email: EmailMode }>('SELECT kinds, email FROM notification_settings WHERE user_id = $1', [userId]);
  if (!rows[0]) return { ...DEFAULT_NOTIFICATION_SETTINGS, kinds: [...DEFAULT_NOTIFICATION_SETTINGS.kinds] };
  const kinds = (JSON.parse(rows[0].kinds) as string[]).filter((kind): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind));
  return { kinds, email: rows[0].email };
}

/** An inbox row aliased to the view's names; the actor's name and the read mark need a word. */
type ViewRow = Omit<NotificationView, 'actorName' | 'read'> & { actorName: string | null; readAt: number | null };

const VIEW_COLUMNS = `n.id, n.kind, n.manuscript_id AS "manuscriptId", s.title AS "manuscriptTitle", n.thread_id AS "threadId", a.name AS "actorName",
  n.excerpt, n.created_at AS "createdAt", n.read_at AS "readAt"`;

const viewOf = ({ actorName, readAt, ...row }: ViewRow): NotificationView => ({ ...row, actorName: actorName ?? 'A former member', read: readAt !== null });

// The items a writer may see: of live manuscripts they are still a member of.
const VISIBLE = `FROM notifications n
  JOIN manuscripts s ON s.id = n.manuscript_id AND s.deleted_at IS NULL
  JOIN memberships m ON m.manuscript_id = n.manuscript_id AND m.user_id = n.user_id`;

/** The inbox on PostgreSQL: settings, items, read and emailed marks, digests. */
export function createPgNotificationStore(pool: PgPool): NotificationStore {
  return {
    getSettings: (userId) => settingsOf(pool, userId),
    async setSettings(userId, settings) {
      await pool.query(
        `INSERT INTO notification_settings (user_id, kinds, email) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET kinds = EXCLUDED.kinds, email = EXCLUDED.email`,
        [userId, JSON.stringify([...new Set(settings.kinds)]), settings.email],
      );
    },
    add(items) {
      return inTransaction(pool, async (client) => {
        const stored: string[] = [];
        for (const item of items) {
          if (item.actorId !== null && item.userId === item.actorId) continue;
          const member = await client.query('SELECT 1 FROM memberships WHERE manuscript_id = $1 AND user_id = $2', [item.manuscriptId, item.userId]);
          if (!member.rowCount) continue;
          if (!(await settingsOf(client, item.userId)).kinds.includes(item.kind)) continue;
          const id = newId();
          await client.query(
            'INSERT INTO notifications (id, user_id, kind, manuscript_id, thread_id, actor_id, excerpt) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [id, item.userId, item.kind, item.manuscriptId, item.threadId ?? null, item.actorId, item.excerpt.slice(0, MAX_EXCERPT_CHARS)],
          );
          stored.push(id);
        }
        return stored;
      });
    },
    async list(userId, limit = 50) {
      const { rows } = await pool.query<ViewRow>(
        `SELECT ${VIEW_COLUMNS} ${VISIBLE} LEFT JOIN users a ON a.id = n.actor_id
         WHERE n.user_id = $1 ORDER BY n.created_at DESC LIMIT $2`,
        [userId, limit],
      );
      return rows.map(viewOf);
    },
    async unreadCount(userId) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*) AS n ${VISIBLE} WHERE n.user_id = $1 AND n.read_at IS NULL`, [userId]);
      return rows[0]?.n ?? 0;
    },
    async markRead(userId, ids) {
      await pool.query('UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3::text[] IS NULL OR id = ANY($3::text[]))', [Date.now(), userId, ids ?? null]);
    },
    async toEmail(selector) {
      const [where, value] = 'ids' in selector ? ['n.id = ANY($1::text[])', selector.ids] : ['n.user_id = $1 AND n.read_at IS NULL', selector.userId];
      const { rows } = await pool.query<ViewRow & { userId: string; email: string; userName: string }>(
        `SELECT ${VIEW_COLUMNS}, n.user_id AS "userId", r.email, r.name AS "userName"
         FROM notifications n JOIN manuscripts s ON s.id = n.manuscript_id JOIN users r ON r.id = n.user_id LEFT JOIN users a ON a.id = n.actor_id
         JOIN memberships m ON m.manuscript_id = n.manuscript_id AND m.user_id = n.user_id
         WHERE ${where} AND n.emailed_at IS NULL AND s.deleted_at IS NULL ORDER BY n.created_at DESC`,
        [value],
      );
      return rows.map(({ userId, email, userName, ...row }) => ({ ...viewOf(row), userId, email, userName }));
    },
    async markEmailed(ids) {
      if (ids.length) await pool.query('UPDATE notifications SET emailed_at = $1 WHERE id = ANY($2::text[])', [Date.now(), ids]);
    },
    async digestRecipients(before) {
      const { rows } = await pool.query<{ user_id: string }>(
        "SELECT user_id FROM notification_settings WHERE email = 'daily' AND (last_digest_at IS NULL OR last_digest_at < $1)",
        [before.getTime()],
      );
      return rows.map((row) => row.user_id);
    },
    async claimDigest(userId, before, at) {
      // Two instances claiming at once: the second waits on the row, re-reads it, and finds it claimed.
      const { rowCount } = await pool.query(
        'UPDATE notification_settings SET last_digest_at = $3 WHERE user_id = $1 AND (last_digest_at IS NULL OR last_digest_at < $2)',
        [userId, before.getTime(), at.getTime()],
      );
      return (rowCount ?? 0) > 0;
    },
    async threadParticipants(threadId) {
      const { rows: threads } = await pool.query<{ created_by: string | null; quote: string }>('SELECT created_by, quote FROM comment_threads WHERE id = $1', [threadId]);
      const thread = threads[0];
      if (!thread) return null;
      const { rows } = await pool.query<{ author_id: string }>('SELECT DISTINCT author_id FROM comment_messages WHERE thread_id = $1 AND author_id IS NOT NULL', [threadId]);
      return { createdBy: thread.created_by, writers: rows.map((row) => row.author_id), quote: thread.quote };
    },
  };
}
