import { normalizeEmail, type Member, type Role } from '../records';
import { generateInviteSecret, hashToken, newId } from '../secrets';
import type { MemberStore } from '../storage';
import { inTransaction, type PgPool } from './connect';
import { dateOf, lockEmail } from './rows';

// Asked on every connection and every role re-check: named, so each connection prepares them once.
const LIVE_ROLE = `SELECT m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
  WHERE m.manuscript_id = $1 AND m.user_id = $2 AND s.deleted_at IS NULL`;
const LIVE_ROLES = `SELECT m.manuscript_id, m.user_id, m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
  WHERE s.deleted_at IS NULL AND m.manuscript_id = ANY($1::text[])`;

/** Members, invitations by email and by link, and roles on PostgreSQL. */
export function createPgMemberStore(pool: PgPool): MemberStore {
  return {
    async list(manuscriptId) {
      const { rows } = await pool.query<Member>(
        `SELECT u.id AS "userId", u.name, u.email, u.color, m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.manuscript_id = $1 ORDER BY m.created_at`,
        [manuscriptId],
      );
      return rows;
    },
    async listPendingInvitations(manuscriptId) {
      const { rows } = await pool.query<{ id: string; email: string | null; role: Role; is_link: boolean; created_at: number }>(
        'SELECT id, email, role, token_hash IS NOT NULL AS is_link, created_at FROM invitations WHERE manuscript_id = $1 ORDER BY created_at',
        [manuscriptId],
      );
      return rows.map((row) => ({ id: row.id, email: row.email, role: row.role, isLink: row.is_link, createdAt: dateOf(row.created_at) }));
    },
    shareByEmail(input) {
      const email = normalizeEmail(input.email);
      return inTransaction(pool, async (client) => {
        // Shares to one address (and its sign-up) take turns: never two pending invitations, never one missed.
        await lockEmail(client, email);
        const { rows: found } = await client.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
        const user = found[0];
        if (user) {
          // The owner is never demoted: the conflict update skips an owner's row.
          await client.query(
            `INSERT INTO memberships AS m (manuscript_id, user_id, role) VALUES ($1, $2, $3)
             ON CONFLICT (manuscript_id, user_id) DO UPDATE SET role = EXCLUDED.role WHERE m.role <> 'owner'`,
            [input.manuscriptId, user.id, input.role],
          );
          return { kind: 'member' as const, userId: user.id };
        }
        await client.query('DELETE FROM invitations WHERE manuscript_id = $1 AND email = $2', [input.manuscriptId, email]);
        const invitationId = newId();
        await client.query('INSERT INTO invitations (id, manuscript_id, email, role, created_by) VALUES ($1, $2, $3, $4, $5)', [invitationId, input.manuscriptId, email, input.role, input.invitedBy]);
        return { kind: 'invited' as const, invitationId };
      });
    },
    async createInviteLink(input) {
      const secret = generateInviteSecret();
      const id = newId();
      await pool.query('INSERT INTO invitations (id, manuscript_id, token_hash, role, created_by) VALUES ($1, $2, $3, $4, $5)', [id, input.manuscriptId, hashToken(secret), input.role, input.createdBy]);
      return { id, secret };
    },
    async findInviteLink(secret) {
      const { rows } = await pool.query<{ id: string; manuscript_id: string; role: Role }>('SELECT id, manuscript_id, role FROM invitations WHERE token_hash = $1', [hashToken(secret)]);
      return rows[0] && { id: rows[0].id, manuscriptId: rows[0].manuscript_id, role: rows[0].role };
    },
    async hasEmailInvitation(email) {
      const { rowCount } = await pool.query('SELECT 1 FROM invitations WHERE email = $1 LIMIT 1', [normalizeEmail(email)]);
      return (rowCount ?? 0) > 0;
    },
    async acceptInviteLink(secret, userId) {
      // One statement: the link is read and honoured together, and an existing member keeps their role.
      const { rows } = await pool.query<{ manuscript_id: string }>(
        `WITH link AS (SELECT manuscript_id, role FROM invitations WHERE token_hash = $1),
              joined AS (INSERT INTO memberships (manuscript_id, user_id, role) SELECT manuscript_id, $2, role FROM link ON CONFLICT DO NOTHING)
         SELECT manuscript_id FROM link`,
        [hashToken(secret), userId],
      );
      return rows[0]?.manuscript_id ?? null;
    },
    async revokeInvitation(manuscriptId, invitationId) {
      const { rowCount } = await pool.query('DELETE FROM invitations WHERE id = $1 AND manuscript_id = $2', [invitationId, manuscriptId]);
      return (rowCount ?? 0) > 0;
    },
    async getRole(manuscriptId, userId) {
      const { rows } = await pool.query<{ role: Role }>({ name: 'member-role', text: LIVE_ROLE, values: [manuscriptId, userId] });
      return rows[0]?.role ?? null;
    },
    async setRole(manuscriptId, userId, role) {
      await pool.query('UPDATE memberships SET role = $1 WHERE manuscript_id = $2 AND user_id = $3', [role, manuscriptId, userId]);
    },
    async remove(manuscriptId, userId) {
      await pool.query('DELETE FROM memberships WHERE manuscript_id = $1 AND user_id = $2', [manuscriptId, userId]);
    },
    async rolesFor(manuscriptIds) {
      const byManuscript = new Map<string, Map<string, Role>>(manuscriptIds.map((id) => [id, new Map()]));
      const { rows } = await pool.query<{ manuscript_id: string; user_id: string; role: Role }>({ name: 'members-roles', text: LIVE_ROLES, values: [manuscriptIds] });
      for (const row of rows) byManuscript.get(row.manuscript_id)?.set(row.user_id, row.role);
      return byManuscript;
    },
  };
}
