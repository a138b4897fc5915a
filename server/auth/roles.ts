import { getRole, rolesForManuscript, type Db } from '../../lib/db';
import type { Role } from '../../lib/access/roles';

/** Where the collab server learns who may do what; the database is the truth, tokens only say who. */
export interface RoleSource {
  roleOf(manuscriptId: string, userId: string): Promise<Role | null>;
  /** Every member's role (empty when the manuscript is gone or trashed). */
  rolesFor(manuscriptId: string): Promise<Map<string, Role>>;
}

export function createSqliteRoleSource(db: Db): RoleSource {
  return {
    async roleOf(manuscriptId, userId) {
      return getRole(db, userId, manuscriptId);
    },
    async rolesFor(manuscriptId) {
      return rolesForManuscript(db, manuscriptId);
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
    async rolesFor(manuscriptId) {
      return new Map(roles.get(manuscriptId) ?? []);
    },
  };
}
