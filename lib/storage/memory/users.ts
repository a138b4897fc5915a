import { EmailTakenError, normalizeEmail, type User } from '../records';
import { generateApiToken, hashToken, newId } from '../secrets';
import { appearanceFromRow } from '../sqlite/appearance';
import type { UserStore } from '../storage';
import { addMembership, atomically, copyRow, deleteRows, findRow, insertRow, newestFirst, selectRows, type MemoryTables, type Row } from './tables';

/** Writers, their API tokens, password resets and appearance in memory; secrets are kept only as hashes, as on disk. */
export function createMemoryUserStore(tables: MemoryTables): UserStore {
  const userById = (id: string) => findRow(tables, 'users', (row) => row.id === id);
  const copyUser = (row: Row<'users'> | undefined): User | undefined => row && copyRow(row);
  const liveReset = (token: string, now: Date) => {
    const tokenHash = hashToken(token);
    return findRow(tables, 'passwordResets', (row) => row.tokenHash === tokenHash && row.usedAt === null && row.expiresAt > now);
  };
  return {
    create: async (input) =>
      atomically(tables, () => {
        const email = normalizeEmail(input.email);
        if (findRow(tables, 'users', (row) => row.email === email)) throw new EmailTakenError();
        const user = insertRow(tables, 'users', { id: newId(), email, name: input.name.trim(), color: input.color, passwordHash: input.passwordHash });
        // Every pending invitation to this address becomes a membership, and is spent.
        for (const invitation of selectRows(tables, 'invitations', (row) => row.email === email)) {
          addMembership(tables, { manuscriptId: invitation.manuscriptId, userId: user.id, role: invitation.role });
          deleteRows(tables, 'invitations', (row) => row.id === invitation.id);
        }
        return copyRow(user);
      }),
    getByEmail: async (email) => copyUser(findRow(tables, 'users', (row) => row.email === normalizeEmail(email))),
    getById: async (id) => copyUser(userById(id)),
    async updateProfile(userId, profile) {
      const user = userById(userId);
      if (user) Object.assign(user, { name: profile.name.trim(), color: profile.color });
    },
    async setPasswordHash(userId, passwordHash) {
      const user = userById(userId);
      if (user) user.passwordHash = passwordHash;
    },

    async createApiToken(userId, name) {
      const token = generateApiToken();
      const id = newId();
      insertRow(tables, 'apiTokens', { id, userId, name: name.trim() || 'API token', tokenHash: hashToken(token) });
      return { id, token };
    },
    listApiTokens: async (userId) =>
      newestFirst(selectRows(tables, 'apiTokens', (row) => row.userId === userId), (row) => row.createdAt).map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })),
    revokeApiToken: async (userId, tokenId) => deleteRows(tables, 'apiTokens', (row) => row.id === tokenId && row.userId === userId) > 0,
    async userForApiToken(token) {
      const tokenHash = hashToken(token);
      const row = findRow(tables, 'apiTokens', (candidate) => candidate.tokenHash === tokenHash);
      const user = row && userById(row.userId);
      if (!row || !user) return undefined;
      row.lastUsedAt = new Date();
      return copyRow(user);
    },

    insertPasswordReset: async ({ userId, token, expiresAt }) =>
      atomically(tables, () => {
        deleteRows(tables, 'passwordResets', (row) => row.userId === userId);
        insertRow(tables, 'passwordResets', { id: newId(), userId, tokenHash: hashToken(token), expiresAt });
      }),
    userForPasswordReset: async (token, now = new Date()) => {
      const reset = liveReset(token, now);
      return copyUser(reset && userById(reset.userId));
    },
    consumePasswordReset: async (token, passwordHash, now = new Date()) =>
      atomically(tables, () => {
        const reset = liveReset(token, now);
        if (!reset) return undefined;
        reset.usedAt = now;
        const user = userById(reset.userId);
        if (user) user.passwordHash = passwordHash;
        deleteRows(tables, 'passwordResets', (row) => row.userId === reset.userId && row.usedAt === null);
        return copyUser(user);
      }),

    async getAppearance(userId) {
      const row = findRow(tables, 'writerAppearance', (candidate) => candidate.userId === userId);
      return row ? appearanceFromRow(row.settings) : null;
    },
    async setAppearance(userId, appearance) {
      const settings = JSON.stringify(appearance);
      const row = findRow(tables, 'writerAppearance', (candidate) => candidate.userId === userId);
      if (row) row.settings = settings;
      else insertRow(tables, 'writerAppearance', { userId, settings });
    },
  };
}
