import type { Storage, StorageOptions } from '../storage';
import { backupDatabase } from './backup';
import { createSqliteCommentStore } from './comment-store';
import { createSqliteDocumentStore } from './documents';
import * as sqlite from './index';

/** The embedded engine: this folder's synchronous queries behind the async interface, the log group-committed off-thread. */
export function createSqliteStorage(db: sqlite.Db, options: StorageOptions = {}): Storage {
  const documents = createSqliteDocumentStore(db, options);
  return {
    engine: 'sqlite',
    users: {
      create: async (input) => sqlite.createUser(db, input),
      getByEmail: async (email) => sqlite.getUserByEmail(db, email),
      getById: async (id) => sqlite.getUserById(db, id),
      updateProfile: async (userId, profile) => sqlite.updateProfile(db, userId, profile),
      setPasswordHash: async (userId, hash) => sqlite.setPasswordHash(db, userId, hash),
      createApiToken: async (userId, name) => sqlite.createApiToken(db, userId, name),
      listApiTokens: async (userId) => sqlite.listApiTokens(db, userId),
      revokeApiToken: async (userId, tokenId) => sqlite.revokeApiToken(db, userId, tokenId),
      userForApiToken: async (token) => sqlite.userForApiToken(db, token),
      insertPasswordReset: async (input) => sqlite.insertPasswordReset(db, input),
      userForPasswordReset: async (token, now) => sqlite.userForPasswordReset(db, token, now),
      consumePasswordReset: async (token, hash, now) => sqlite.consumePasswordReset(db, token, hash, now),
      getAppearance: async (userId) => sqlite.getAppearance(db, userId),
      setAppearance: async (userId, appearance) => sqlite.setAppearance(db, userId, appearance),
    },
    manuscripts: {
      create: async (input) => sqlite.createManuscript(db, input),
      get: async (id) => sqlite.getManuscript(db, id),
      getForMember: async (userId, manuscriptId) => sqlite.getManuscriptForMember(db, userId, manuscriptId),
      listForUser: async (userId) => sqlite.listManuscriptsForUser(db, userId),
      listTrashForUser: async (userId) => sqlite.listTrashForUser(db, userId),
      rename: async (id, title) => sqlite.renameManuscript(db, id, title),
      trash: async (id, now) => sqlite.trashManuscript(db, id, now),
      restore: async (id) => sqlite.restoreManuscript(db, id),
      purgeExpiredTrash: async (now) => sqlite.purgeExpiredTrash(db, now),
      quarantine: async (id, reason) => sqlite.quarantineManuscript(db, id, reason),
      recordWordCount: async (id, words) => sqlite.recordWordCount(db, id, words),
      updateSettings: async (id, settings) => sqlite.updateManuscriptSettings(db, id, settings),
    },
    members: {
      list: async (manuscriptId) => sqlite.listMembers(db, manuscriptId),
      listPendingInvitations: async (manuscriptId) => sqlite.listPendingInvitations(db, manuscriptId),
      shareByEmail: async (input) => sqlite.shareByEmail(db, input),
      createInviteLink: async (input) => sqlite.createInviteLink(db, input),
      async findInviteLink(secret) {
        const found = sqlite.findInviteLink(db, secret);
        return found && { id: found.id, manuscriptId: found.manuscriptId, role: found.role };
      },
      hasEmailInvitation: async (email) => sqlite.hasEmailInvitation(db, email),
      acceptInviteLink: async (secret, userId) => sqlite.acceptInviteLink(db, secret, userId),
      revokeInvitation: async (manuscriptId, invitationId) => sqlite.revokeInvitation(db, manuscriptId, invitationId),
      getRole: async (manuscriptId, userId) => sqlite.getLiveRole(db, manuscriptId, userId),
      setRole: async (manuscriptId, userId, role) => sqlite.setMemberRole(db, manuscriptId, userId, role),
      remove: async (manuscriptId, userId) => sqlite.removeMember(db, manuscriptId, userId),
      rolesFor: async (manuscriptIds) => sqlite.rolesFor(db, manuscriptIds),
    },
    drafts: {
      insert: async (input) => sqlite.insertDraft(db, input),
      list: async (manuscriptId) => sqlite.listDrafts(db, manuscriptId),
      get: async (manuscriptId, draftId) => sqlite.getDraft(db, manuscriptId, draftId),
      delete: async (manuscriptId, ids) => sqlite.deleteDrafts(db, manuscriptId, ids),
    },
    documents,
    comments: createSqliteCommentStore(db),
    notifications: {
      getSettings: async (userId) => sqlite.getNotificationSettings(db, userId),
      setSettings: async (userId, settings) => sqlite.setNotificationSettings(db, userId, settings),
      add: async (items) => sqlite.addNotifications(db, items),
      list: async (userId, limit) => sqlite.listNotifications(db, userId, limit),
      unreadCount: async (userId) => sqlite.unreadCount(db, userId),
      markRead: async (userId, ids) => sqlite.markNotificationsRead(db, userId, ids),
      toEmail: async (selector) => sqlite.notificationsToEmail(db, selector),
      markEmailed: async (ids) => sqlite.markEmailed(db, ids),
      digestRecipients: async (before) => sqlite.digestRecipients(db, before),
      claimDigest: async (userId, before, at) => sqlite.claimDigest(db, userId, before, at),
      threadParticipants: async (threadId) => sqlite.threadParticipants(db, threadId),
    },
    ping: async () => {
      db.$client.prepare('SELECT 1').get();
    },
    backup: (out) => backupDatabase(db, out),
    close: async () => {
      await documents.close();
      db.$client.close();
    },
  };
}
