import type { Role } from '../../lib/access/roles';
import type { Db } from '../../lib/db';
import type { PgPool } from '../../lib/storage/pg/connect';

/** Where the collab server learns who may do what; the database is the truth, tokens only say who. */
export interface RoleSource {
  roleOf(manuscriptId: string, userId: string): Promise<Role | null>;
  /** Every member's role per manuscript, in one read (a manuscript that is gone or trashed maps to no one). */
  rolesFor(manuscriptIds: string[]): Promise<Map<string, Map<string, Role>>>;
}

/** Role lookups on every connection and every re-check: statements prepared once, all loaded rooms in one query. */
export function createSqliteRoleSource(db: Db): RoleSource {
  const roleOf = db.$client.prepare<[string, string], { role: Role }>(
    `SELECT m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
     WHERE m.manuscript_id = ? AND m.user_id = ? AND s.deleted_at IS NULL`,
  );
  const rolesFor = db.$client.prepare<[string], { manuscriptId: string; userId: string; role: Role }>(
    `SELECT m.manuscript_id AS manuscriptId, m.user_id AS userId, m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
     WHERE s.deleted_at IS NULL AND m.manuscript_id IN (SELECT value FROM json_each(?))`,
  );
  return {
    async roleOf(manuscriptId, userId) {
      return roleOf.get(manuscriptId, userId)?.role ?? null;
    },
    async rolesFor(manuscriptIds) {
      const byManuscript = new Map<string, Map<string, Role>>(manuscriptIds.map((id) => [id, new Map()]));
      for (const row of rolesFor.all(JSON.stringify(manuscriptIds))) byManuscript.get(row.manuscriptId)?.set(row.userId, row.role);
      return byManuscript;
    },
  };
}

/** The same lookups on PostgreSQL: all loaded rooms' members in one query. */
export function createPgRoleSource(pool: PgPool): RoleSource {
  return {
    async roleOf(manuscriptId, userId) {
      const { rows } = await pool.query<{ role: Role }>(
        `SELECT m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
         WHERE m.manuscript_id = $1 AND m.user_id = $2 AND s.deleted_at IS NULL`,
        [manuscriptId, userId],
      );
      return rows[0]?.role ?? null;
    },
    async rolesFor(manuscriptIds) {
      const byManuscript = new Map<string, Map<string, Role>>(manuscriptIds.map((id) => [id, new Map()]));
      const { rows } = await pool.query<{ manuscript_id: string; user_id: string; role: Role }>(
        `SELECT m.manuscript_id, m.user_id, m.role FROM memberships m JOIN manuscripts s ON s.id = m.manuscript_id
         WHERE s.deleted_at IS NULL AND m.manuscript_id = ANY($1::text[])`,
        [manuscriptIds],
      );
      for (const row of rows) byManuscript.get(row.manuscript_id)?.set(row.user_id, row.role);
      return byManuscript;
    },
  };
}

/** In-memory twin for tests: `roles.set('ms', new Map([['u', 'editor']]))`. */
export function createMemoryRoleSource(roles = new Map<string, Map<string, Role>>()): RoleSource & { roles: typeof roles } {
  return {
    roles,
    async roleOf(manuscriptId, userId) {
      return roles.get(manuscriptId)?.get(userId) ?? null;
    },
    async rolesFor(manuscriptIds) {
      return new Map(manuscriptIds.map((id) => [id, new Map(roles.get(id) ?? [])]));
    },
  };
}
