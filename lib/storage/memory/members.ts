import { normalizeEmail, type Role } from '../records';
import { generateInviteSecret, hashToken, newId } from '../secrets';
import type { MemberStore } from '../storage';
import { addMembership, atomically, deleteRows, findRow, insertRow, liveManuscript, membershipOf, oldestFirst, selectRows, type MemoryTables } from './tables';

/** Every member's role on a manuscript that is not in the trash; no one for a trashed or unknown one. */
export function liveRoles(tables: MemoryTables, manuscriptId: string): Map<string, Role> {
  if (!liveManuscript(tables, manuscriptId)) return new Map();
  return new Map(selectRows(tables, 'memberships', (row) => row.manuscriptId === manuscriptId).map((row) => [row.userId, row.role]));
}

/** Members, invitations and invitation links in memory; a link's secret is kept only as its hash. */
export function createMemoryMemberStore(tables: MemoryTables): MemberStore {
  const linkFor = (secret: string) => {
    const tokenHash = hashToken(secret);
    return findRow(tables, 'invitations', (row) => row.tokenHash === tokenHash);
  };
  return {
    list: async (manuscriptId) =>
      oldestFirst(selectRows(tables, 'memberships', (row) => row.manuscriptId === manuscriptId), (row) => row.createdAt).flatMap(({ userId, role }) => {
        const user = findRow(tables, 'users', (row) => row.id === userId);
        return user ? [{ userId, name: user.name, email: user.email, color: user.color, role }] : [];
      }),
    listPendingInvitations: async (manuscriptId) =>
      oldestFirst(selectRows(tables, 'invitations', (row) => row.manuscriptId === manuscriptId), (row) => row.createdAt).map(({ id, email, role, tokenHash, createdAt }) => ({
        id,
        email,
        role,
        isLink: tokenHash !== null,
        createdAt,
      })),
    shareByEmail: async ({ manuscriptId, email: given, role, invitedBy }) =>
      atomically(tables, () => {
        const email = normalizeEmail(given);
        const user = findRow(tables, 'users', (row) => row.email === email);
        if (user) {
          const existing = membershipOf(tables, manuscriptId, user.id);
          if (!existing) insertRow(tables, 'memberships', { manuscriptId, userId: user.id, role });
          else if (existing.role !== 'owner') existing.role = role;
          return { kind: 'member', userId: user.id };
        }
        deleteRows(tables, 'invitations', (row) => row.manuscriptId === manuscriptId && row.email === email);
        const invitationId = newId();
        insertRow(tables, 'invitations', { id: invitationId, manuscriptId, email, role, createdBy: invitedBy });
        return { kind: 'invited', invitationId };
      }),
    async createInviteLink({ manuscriptId, role, createdBy }) {
      const secret = generateInviteSecret();
      const id = newId();
      insertRow(tables, 'invitations', { id, manuscriptId, tokenHash: hashToken(secret), role, createdBy });
      return { id, secret };
    },
    async findInviteLink(secret) {
      const link = linkFor(secret);
      return link && { id: link.id, manuscriptId: link.manuscriptId, role: link.role };
    },
    hasEmailInvitation: async (email) => findRow(tables, 'invitations', (row) => row.email === normalizeEmail(email)) !== undefined,
    async acceptInviteLink(secret, userId) {
      const link = linkFor(secret);
      if (!link) return null;
      addMembership(tables, { manuscriptId: link.manuscriptId, userId, role: link.role });
      return link.manuscriptId;
    },
    revokeInvitation: async (manuscriptId, invitationId) => deleteRows(tables, 'invitations', (row) => row.id === invitationId && row.manuscriptId === manuscriptId) > 0,
    getRole: async (manuscriptId, userId) => liveRoles(tables, manuscriptId).get(userId) ?? null,
    async setRole(manuscriptId, userId, role) {
      const membership = membershipOf(tables, manuscriptId, userId);
      if (membership) membership.role = role;
    },
    async remove(manuscriptId, userId) {
      deleteRows(tables, 'memberships', (row) => row.manuscriptId === manuscriptId && row.userId === userId);
    },
    rolesFor: async (manuscriptIds) => new Map(manuscriptIds.map((id) => [id, liveRoles(tables, id)])),
  };
}
