import { EmailTakenError, normalizeEmail, type User } from '../records';
import { generateApiToken, hashToken, newId } from '../secrets';
import type { UserStore } from '../storage';
import { inTransaction, type PgPool } from './connect';
import { dateOf, dateOrNull, isUniqueViolation, lockEmail, type Queryable } from './rows';

/** A user row aliased to the record's names; only the time needs converting. */
type UserRow = Omit<User, 'createdAt'> & { createdAt: number };

const USER_COLUMNS = 'u.id, u.email, u.name, u.color, u.password_hash AS "passwordHash", u.created_at AS "createdAt"';

const userOf = (row: UserRow): User => ({ ...row, createdAt: dateOf(row.createdAt) });

async function findUser(client: Queryable, where: 'u.id' | 'u.email', value: string): Promise<User | undefined> {
  const { rows } = await client.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE ${where} = $1`, [value]);
  return rows[0] && userOf(rows[0]);
}

/** Writers, their API tokens, password resets and appearance on PostgreSQL. */
export function createPgUserStore(pool: PgPool): UserStore {
  return {
    async create(input) {
      const email = normalizeEmail(input.email);
      try {
        return await inTransaction(pool, async (client) => {
          await lockEmail(client, email);
          if (await findUser(client, 'u.email', email)) throw new EmailTakenError();
          const { rows } = await client.query<UserRow>(
            `INSERT INTO users AS u (id, email, name, color, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${USER_COLUMNS}`,
            [newId(), email, input.name.trim(), input.color, input.passwordHash],
          );
          const user = userOf(rows[0]!);
          // Every pending invitation to this address becomes a membership, and is spent.
          await client.query(
            `WITH honoured AS (DELETE FROM invitations WHERE email = $1 RETURNING manuscript_id, role)
             INSERT INTO memberships (manuscript_id, user_id, role) SELECT manuscript_id, $2, role FROM honoured ON CONFLICT DO NOTHING`,
            [email, user.id],
          );
          return user;
        });
      } catch (error) {
        // The lock makes this rare; a sign-up racing past it still meets the unique index.
        if (isUniqueViolation(error, 'users_email')) throw new EmailTakenError();
        throw error;
      }
    },
    getByEmail: (email) => findUser(pool, 'u.email', normalizeEmail(email)),
    getById: (id) => findUser(pool, 'u.id', id),
    async updateProfile(userId, profile) {
      await pool.query('UPDATE users SET name = $1, color = $2 WHERE id = $3', [profile.name.trim(), profile.color, userId]);
    },
    async setPasswordHash(userId, passwordHash) {
      await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
    },

    async createApiToken(userId, name) {
      const token = generateApiToken();
      const id = newId();
      await pool.query('INSERT INTO api_tokens (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)', [id, userId, name.trim() || 'API token', hashToken(token)]);
      return { id, token };
    },
    async listApiTokens(userId) {
      const { rows } = await pool.query<{ id: string; name: string; created_at: number; last_used_at: number | null }>(
        'SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC',
        [userId],
      );
      return rows.map((row) => ({ id: row.id, name: row.name, createdAt: dateOf(row.created_at), lastUsedAt: dateOrNull(row.last_used_at) }));
    },
    async revokeApiToken(userId, tokenId) {
      const { rowCount } = await pool.query('DELETE FROM api_tokens WHERE id = $1 AND user_id = $2', [tokenId, userId]);
      return (rowCount ?? 0) > 0;
    },
    async userForApiToken(token) {
      const { rows } = await pool.query<UserRow>(
        `UPDATE api_tokens t SET last_used_at = $2 FROM users u WHERE t.token_hash = $1 AND u.id = t.user_id RETURNING ${USER_COLUMNS}`,
        [hashToken(token), Date.now()],
      );
      return rows[0] && userOf(rows[0]);
    },

    async insertPasswordReset(input) {
      await inTransaction(pool, async (client) => {
        // One writer's requests take turns, so two at once still leave exactly one live reset.
        await client.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [input.userId]);
        await client.query('DELETE FROM password_resets WHERE user_id = $1', [input.userId]);
        await client.query('INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [newId(), input.userId, hashToken(input.token), input.expiresAt.getTime()]);
      });
    },
    async userForPasswordReset(token, now = new Date()) {
      const { rows } = await pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM password_resets r JOIN users u ON u.id = r.user_id
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2`,
        [hashToken(token), now.getTime()],
      );
      return rows[0] && userOf(rows[0]);
    },
    consumePasswordReset(token, passwordHash, now = new Date()) {
      return inTransaction(pool, async (client) => {
        // A second request racing this one waits on the row lock, then finds it spent: single use.
        const spent = await client.query<{ user_id: string }>(
          'UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id',
          [hashToken(token), now.getTime()],
        );
        const userId = spent.rows[0]?.user_id;
        if (!userId) return undefined;
        const { rows } = await client.query<UserRow>(`UPDATE users AS u SET password_hash = $1 WHERE u.id = $2 RETURNING ${USER_COLUMNS}`, [passwordHash, userId]);
        await client.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId]);
        return rows[0] && userOf(rows[0]);
      });
    },

    async getAppearance(userId) {
      const { rows } = await pool.query<{ settings: string }>('SELECT settings FROM writer_appearance WHERE user_id = $1', [userId]);
      if (!rows[0]) return null;
      try {
        return JSON.parse(rows[0].settings) as unknown;
      } catch {
        return null;
      }
    },
    async setAppearance(userId, appearance) {
      await pool.query(
        'INSERT INTO writer_appearance (user_id, settings) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET settings = EXCLUDED.settings',
        [userId, JSON.stringify(appearance)],
      );
    },
  };
}
