import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appearanceFromStored, DEFAULT_APPEARANCE } from '../appearance/appearance';
import { createMemoryStorage } from './memory/storage';
import { MEMORY_STORAGE_URL, openStorage, restoreBackup } from './open';
import { createPgStorage } from './pg/storage';
import { openTestPgSchema } from './pg/test-database';
import { EmailTakenError, manuscriptSettingsOf, TRASH_RETENTION_DAYS, type Manuscript, type ManuscriptSettings, type User } from './records';
import { hashToken } from './secrets';
import { openTestSqlite } from './sqlite/test-database';
import { createSqliteStorage } from './sqlite/storage';
import type { Storage } from './storage';
import { memoryStoredRows, pgStoredRows, sqliteStoredRows, type StoredRows } from './testing/stored-rows';

/** An engine under test, and its rows as stored, to set up or look at what the interface cannot. */
interface Engine {
  storage: Storage;
  stored: StoredRows;
  close(): Promise<void>;
}

async function sqliteEngine(): Promise<Engine> {
  const test = openTestSqlite();
  const storage = createSqliteStorage(test.db);
  return {
    storage,
    stored: sqliteStoredRows(test.db),
    close: async () => {
      await storage.close();
      test.close();
    },
  };
}

async function postgresEngine(): Promise<Engine> {
  const test = await openTestPgSchema();
  const storage = createPgStorage(test.pool);
  return {
    storage,
    stored: pgStoredRows(test.pool),
    close: async () => {
      await test.pool.query(`DROP SCHEMA ${test.schema} CASCADE`);
      await storage.close();
    },
  };
}

async function memoryEngine(): Promise<Engine> {
  const memory = createMemoryStorage();
  return { storage: memory.storage, stored: memoryStoredRows(memory.tables), close: () => memory.storage.close() };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_UPDATE = new Uint8Array([1, 2, 3, 250, 0, 7]);
const anchor = { start: 'start-position', end: 'end-position' };

const settings = (title: string): ManuscriptSettings => ({
  title,
  authorLegalName: 'Ada Lovelace',
  byline: 'A. L.',
  contactAddress: '1 Harbour Lane',
  contactEmail: 'ada@example.test',
  contactPhone: '+44 1234',
  genre: 'Literary',
  runningHeadKeyword: 'LIGHTHOUSE',
  targetWords: 90_000,
  deadline: '2027-03-01',
});

/** Every race runs a few rounds: one lucky interleaving proves little. */
const RACE_ROUNDS = 5;

// One suite, three engines: nothing above storage may tell them apart.
describe.each([
  ['sqlite', sqliteEngine],
  ['postgres', postgresEngine],
  ['memory', memoryEngine],
] as const)('storage on %s', (engineName, open) => {
  let engine: Engine;
  let storage: Storage;
  let count = 0;
  const emailFor = (name: string) => `${name.toLowerCase()}.${++count}@example.test`;
  const writer = (name: string) => storage.users.create({ email: emailFor(name), name, color: '#225588', passwordHash: null });
  const novel = (owner: User, title = 'The Lighthouse') => storage.manuscripts.create({ title, ownerId: owner.id, initialUpdate: FIRST_UPDATE });
  /** A manuscript with its owner and co-authors in the given roles. */
  async function cast(...roles: ('editor' | 'commenter' | 'viewer')[]) {
    const owner = await writer('Owner');
    const manuscript = await novel(owner);
    const members: User[] = [];
    for (const role of roles) {
      const member = await writer(role);
      await storage.members.shareByEmail({ manuscriptId: manuscript.id, email: member.email, role, invitedBy: owner.id });
      members.push(member);
    }
    return { owner, manuscript, members };
  }

  beforeAll(async () => {
    engine = await open();
    storage = engine.storage;
  });
  afterAll(async () => engine?.close());

  it('names its engine and answers a ping', async () => {
    expect(storage.engine).toBe(engineName);
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  describe('writers', () => {
    it('creates a writer with a lower-cased email and a trimmed name, found by id and by email in any case', async () => {
      const email = emailFor('Ada');
      const ada = await storage.users.create({ email: `  ${email.toUpperCase()} `, name: '  Ada  ', color: '#112233', passwordHash: 'scrypt$hash' });
      expect(ada).toEqual({ id: expect.any(String), email, name: 'Ada', color: '#112233', passwordHash: 'scrypt$hash', createdAt: expect.any(Date) });
      expect(Math.abs(ada.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await storage.users.getById(ada.id)).toEqual(ada);
      expect(await storage.users.getByEmail(email.toUpperCase())).toEqual(ada);
      expect(await storage.users.getById('no-such-writer')).toBeUndefined();
      expect(await storage.users.getByEmail('nobody@example.test')).toBeUndefined();
    });

    it('refuses a second account for an email, whatever its case', async () => {
      const ada = await writer('Ada');
      await expect(storage.users.create({ email: ada.email.toUpperCase(), name: 'Other', color: '#000000', passwordHash: null })).rejects.toBeInstanceOf(EmailTakenError);
    });

    it('two sign-ups with one email at once make one writer and one EmailTakenError', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const email = emailFor('Twin');
        const results = await Promise.allSettled([1, 2].map((n) => storage.users.create({ email, name: `Twin ${n}`, color: '#000000', passwordHash: null })));
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const refused = results.filter((result) => result.status === 'rejected');
        expect(refused).toHaveLength(1);
        expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(EmailTakenError);
        expect(await engine.stored.select('users', { email })).toHaveLength(1);
      }
    });

    it('updates the profile (name trimmed) and the password hash', async () => {
      const ada = await writer('Ada');
      await storage.users.updateProfile(ada.id, { name: ' Ada L. ', color: '#abcdef' });
      await storage.users.setPasswordHash(ada.id, 'scrypt$new');
      expect(await storage.users.getById(ada.id)).toMatchObject({ name: 'Ada L.', color: '#abcdef', passwordHash: 'scrypt$new', email: ada.email });
    });

    it('honours every pending email invitation at sign-up, once, and leaves invitation links alone', async () => {
      const { owner, manuscript } = await cast();
      const second = await novel(owner, 'Second');
      const email = emailFor('Later');
      await storage.members.shareByEmail({ manuscriptId: manuscript.id, email: email.toUpperCase(), role: 'commenter', invitedBy: owner.id });
      await storage.members.shareByEmail({ manuscriptId: second.id, email, role: 'editor', invitedBy: owner.id });
      const link = await storage.members.createInviteLink({ manuscriptId: manuscript.id, role: 'viewer', createdBy: owner.id });

      const later = await storage.users.create({ email, name: 'Later', color: '#123456', passwordHash: null });
      expect(await storage.members.getRole(manuscript.id, later.id)).toBe('commenter');
      expect(await storage.members.getRole(second.id, later.id)).toBe('editor');
      expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([expect.objectContaining({ id: link.id, isLink: true })]);
      expect(await storage.members.listPendingInvitations(second.id)).toEqual([]);
    });
  });

  describe('API tokens', () => {
    it('returns the secret once and keeps only its hash; lists the writer’s tokens newest first', async () => {
      const ada = await writer('Ada');
      const first = await storage.users.createApiToken(ada.id, '  Laptop  ');
      const second = await storage.users.createApiToken(ada.id, '   ');
      await engine.stored.update('api_tokens', { created_at: Date.now() - 60_000 }, { id: first.id });
      expect(first.token).toMatch(/^scr_[\w-]{43}$/);
      const stored = await engine.stored.select('api_tokens', { user_id: ada.id });
      expect(stored.map((row) => row.token_hash).sort()).toEqual([hashToken(first.token), hashToken(second.token)].sort());
      expect(JSON.stringify(stored)).not.toContain(first.token);

      expect(await storage.users.listApiTokens(ada.id)).toEqual([
        { id: second.id, name: 'API token', createdAt: expect.any(Date), lastUsedAt: null },
        { id: first.id, name: 'Laptop', createdAt: expect.any(Date), lastUsedAt: null },
      ]);
      expect(await storage.users.listApiTokens((await writer('Ben')).id)).toEqual([]);
    });

    it('finds the token’s writer and notes when it was used', async () => {
      const ada = await writer('Ada');
      const { id, token } = await storage.users.createApiToken(ada.id, 'Script');
      expect(await storage.users.userForApiToken(token)).toEqual(ada);
      const [listed] = await storage.users.listApiTokens(ada.id);
      expect(listed).toMatchObject({ id, lastUsedAt: expect.any(Date) });
      expect(Math.abs(listed!.lastUsedAt!.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await storage.users.userForApiToken(`${token}x`)).toBeUndefined();
    });

    it('revokes only the writer’s own token: another writer’s cannot be revoked', async () => {
      const ada = await writer('Ada');
      const ben = await writer('Ben');
      const { id, token } = await storage.users.createApiToken(ada.id, 'Mine');
      expect(await storage.users.revokeApiToken(ben.id, id)).toBe(false);
      expect((await storage.users.userForApiToken(token))?.id).toBe(ada.id);
      expect(await storage.users.revokeApiToken(ada.id, id)).toBe(true);
      expect(await storage.users.revokeApiToken(ada.id, id)).toBe(false);
      expect(await storage.users.userForApiToken(token)).toBeUndefined();
      expect(await storage.users.listApiTokens(ada.id)).toEqual([]);
    });
  });

  describe('password resets', () => {
    const TTL_MS = 60 * 60 * 1000;

    it('keep only the token’s hash, work once, and set the new hash', async () => {
      const ada = await writer('Ada');
      const token = `reset-${count}-token-that-is-long-enough-to-be-real`;
      await storage.users.insertPasswordReset({ userId: ada.id, token, expiresAt: new Date(Date.now() + TTL_MS) });
      const stored = await engine.stored.select('password_resets', { user_id: ada.id });
      expect(stored.map((row) => row.token_hash)).toEqual([hashToken(token)]);
      expect(JSON.stringify(stored)).not.toContain(token);

      expect(await storage.users.userForPasswordReset(token)).toEqual(ada);
      expect(await storage.users.consumePasswordReset(token, 'scrypt$new')).toEqual({ ...ada, passwordHash: 'scrypt$new' });
      expect((await storage.users.getById(ada.id))?.passwordHash).toBe('scrypt$new');
      // Spent: neither the page nor a second submit accepts it again.
      expect(await storage.users.userForPasswordReset(token)).toBeUndefined();
      expect(await storage.users.consumePasswordReset(token, 'scrypt$again')).toBeUndefined();
      expect((await storage.users.getById(ada.id))?.passwordHash).toBe('scrypt$new');
      expect(await storage.users.consumePasswordReset('never-issued', 'scrypt$x')).toBeUndefined();
    });

    it('expire, and a newer request replaces an older one', async () => {
      const ada = await writer('Ada');
      const asked = new Date('2026-11-30T12:00:00Z');
      const justBefore = new Date(asked.getTime() + TTL_MS - 1000);
      const justAfter = new Date(asked.getTime() + TTL_MS + 1000);
      await storage.users.insertPasswordReset({ userId: ada.id, token: 'first-token', expiresAt: new Date(asked.getTime() + TTL_MS) });
      expect(await storage.users.userForPasswordReset('first-token', justBefore)).toEqual(ada);
      expect(await storage.users.userForPasswordReset('first-token', justAfter)).toBeUndefined();
      expect(await storage.users.consumePasswordReset('first-token', 'scrypt$late', justAfter)).toBeUndefined();

      await storage.users.insertPasswordReset({ userId: ada.id, token: 'second-token', expiresAt: new Date(asked.getTime() + TTL_MS) });
      expect(await storage.users.userForPasswordReset('first-token', justBefore)).toBeUndefined();
      expect(await storage.users.consumePasswordReset('second-token', 'scrypt$new', justBefore)).toMatchObject({ id: ada.id, passwordHash: 'scrypt$new' });
    });

    it('two submits of one token at once: exactly one succeeds', async () => {
      const ada = await writer('Ada');
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const token = `race-${round}-${ada.id}`;
        await storage.users.insertPasswordReset({ userId: ada.id, token, expiresAt: new Date(Date.now() + TTL_MS) });
        const results = await Promise.all([storage.users.consumePasswordReset(token, `scrypt$a${round}`), storage.users.consumePasswordReset(token, `scrypt$b${round}`)]);
        const winners = results.filter((user) => user !== undefined);
        expect(winners).toHaveLength(1);
        expect((await storage.users.getById(ada.id))?.passwordHash).toBe(winners[0]!.passwordHash);
      }
    });
    it('two requests at once leave exactly one live reset', async () => {
      const ada = await writer('Ada');
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const tokens = [`twin-a-${round}-${ada.id}`, `twin-b-${round}-${ada.id}`];
        await Promise.all(tokens.map((token) => storage.users.insertPasswordReset({ userId: ada.id, token, expiresAt: new Date(Date.now() + TTL_MS) })));
        const live = [];
        for (const token of tokens) if (await storage.users.userForPasswordReset(token)) live.push(token);
        expect(live).toHaveLength(1);
      }
    });
  });

  describe('appearance', () => {
    it('is nothing until chosen, then what was last chosen, per writer', async () => {
      const ada = await writer('Ada');
      const ben = await writer('Ben');
      expect(await storage.users.getAppearance(ada.id)).toBeNull();
      await storage.users.setAppearance(ada.id, { ...DEFAULT_APPEARANCE, theme: 'dark', size: 'large' });
      await storage.users.setAppearance(ada.id, { ...DEFAULT_APPEARANCE, theme: 'dark', size: 'larger', typewriter: true });
      expect(await storage.users.getAppearance(ada.id)).toEqual({ ...DEFAULT_APPEARANCE, theme: 'dark', size: 'larger', typewriter: true });
      expect(appearanceFromStored(await storage.users.getAppearance(ben.id))).toEqual(DEFAULT_APPEARANCE);
    });

    it('hands back an older row as saved, and a damaged one as nothing', async () => {
      const ada = await writer('Ada');
      // As an older version saved it: a font since dropped.
      await storage.users.setAppearance(ada.id, { theme: 'dark', font: 'gothic' });
      expect((await engine.stored.select('writer_appearance', { user_id: ada.id })).map((row) => row.settings)).toEqual(['{"theme":"dark","font":"gothic"}']);
      expect(await storage.users.getAppearance(ada.id)).toEqual({ theme: 'dark', font: 'gothic' });
      expect(appearanceFromStored(await storage.users.getAppearance(ada.id))).toEqual({ ...DEFAULT_APPEARANCE, theme: 'dark' });
      await engine.stored.update('writer_appearance', { settings: 'not json' }, { user_id: ada.id });
      expect(await storage.users.getAppearance(ada.id)).toBeNull();
    });
  });

  describe('manuscripts', () => {
    it('creates one with its owner as a member and its first document stored', async () => {
      const owner = await writer('Owner');
      const manuscript = await storage.manuscripts.create({ title: '  The Lighthouse ', ownerId: owner.id, initialUpdate: FIRST_UPDATE });
      expect(manuscript).toEqual({
        id: expect.stringMatching(/^[a-z0-9]{12,}$/),
        title: 'The Lighthouse',
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
        quarantinedAt: null,
        quarantineReason: null,
        deletedAt: null,
        lastEditedBy: owner.id,
        wordCount: 0,
        authorLegalName: '',
        byline: '',
        contactAddress: '',
        contactEmail: '',
        contactPhone: '',
        genre: '',
        runningHeadKeyword: '',
        targetWords: null,
        deadline: null,
      } satisfies Manuscript);
      expect(await storage.manuscripts.get(manuscript.id)).toMatchObject({ ...manuscript, updatedAt: expect.any(Date) });
      expect(await storage.manuscripts.getForMember(owner.id, manuscript.id)).toEqual({ manuscript: await storage.manuscripts.get(manuscript.id), role: 'owner' });
      expect(await storage.members.list(manuscript.id)).toEqual([{ userId: owner.id, name: 'Owner', email: owner.email, color: '#225588', role: 'owner' }]);
      const updates = await storage.documents.readUpdates(manuscript.id);
      expect(updates).toEqual([{ seq: expect.any(Number), bytes: FIRST_UPDATE }]);
      expect(Object.getPrototypeOf(updates[0]!.bytes)).toBe(Uint8Array.prototype);
      expect(await storage.manuscripts.get('no-such-manuscript')).toBeUndefined();
    });

    it('is found for a member only, with their role, and still found in the trash', async () => {
      const { manuscript, members: [viewer] } = await cast('viewer');
      const stranger = await writer('Stranger');
      expect((await storage.manuscripts.getForMember(viewer!.id, manuscript.id))?.role).toBe('viewer');
      expect(await storage.manuscripts.getForMember(stranger.id, manuscript.id)).toBeUndefined();
      expect(await storage.manuscripts.getForMember(viewer!.id, 'no-such-manuscript')).toBeUndefined();
      await storage.manuscripts.trash(manuscript.id);
      expect((await storage.manuscripts.getForMember(viewer!.id, manuscript.id))?.manuscript.deletedAt).toEqual(expect.any(Date));
    });

    it('lists a writer’s live manuscripts, theirs and shared, most recently edited first, with who edited last', async () => {
      const ada = await writer('Ada');
      const ben = await writer('Ben');
      const older = await novel(ada, 'Older');
      const newer = await novel(ada, 'Newer');
      const bens = await novel(ben, 'Ben’s');
      const trashed = await novel(ada, 'Trashed');
      await storage.members.shareByEmail({ manuscriptId: bens.id, email: ada.email, role: 'editor', invitedBy: ben.id });
      const now = Date.now();
      await engine.stored.update('manuscripts', { updated_at: now - 3000 }, { id: older.id });
      await engine.stored.update('manuscripts', { updated_at: now - 1000, last_edited_by: ben.id }, { id: newer.id });
      await storage.manuscripts.recordWordCount(newer.id, 1234);
      await storage.manuscripts.trash(trashed.id);

      const { mine, shared } = await storage.manuscripts.listForUser(ada.id);
      expect(mine).toEqual([
        { id: newer.id, title: 'Newer', role: 'owner', updatedAt: new Date(now - 1000), wordCount: 1234, lastEditedByName: 'Ben', deletedAt: null },
        { id: older.id, title: 'Older', role: 'owner', updatedAt: new Date(now - 3000), wordCount: 0, lastEditedByName: 'Ada', deletedAt: null },
      ]);
      expect(shared).toEqual([expect.objectContaining({ id: bens.id, title: 'Ben’s', role: 'editor', lastEditedByName: 'Ben' })]);
      expect(await storage.manuscripts.listForUser((await writer('Nobody')).id)).toEqual({ mine: [], shared: [] });
    });

    it('goes to the owner’s trash (most recently trashed first) and comes back', async () => {
      const { owner, manuscript, members: [editor] } = await cast('editor');
      const other = await novel(owner, 'Other');
      const now = Date.now();
      await storage.manuscripts.trash(manuscript.id, new Date(now - 2 * DAY_MS));
      await storage.manuscripts.trash(other.id, new Date(now - DAY_MS));
      expect((await storage.manuscripts.get(manuscript.id))?.deletedAt).toEqual(new Date(now - 2 * DAY_MS));
      expect((await storage.manuscripts.listTrashForUser(owner.id)).map((row) => [row.id, row.deletedAt])).toEqual([
        [other.id, new Date(now - DAY_MS)],
        [manuscript.id, new Date(now - 2 * DAY_MS)],
      ]);
      expect(await storage.manuscripts.listTrashForUser(editor!.id)).toEqual([]);
      expect((await storage.manuscripts.listForUser(owner.id)).mine).toEqual([]);
      expect((await storage.manuscripts.listForUser(editor!.id)).shared).toEqual([]);
      expect((await storage.members.rolesFor([manuscript.id])).get(manuscript.id)!.size).toBe(0);
      expect(await storage.members.getRole(manuscript.id, owner.id)).toBeNull();

      await storage.manuscripts.restore(manuscript.id);
      expect((await storage.manuscripts.get(manuscript.id))?.deletedAt).toBeNull();
      expect((await storage.manuscripts.listForUser(editor!.id)).shared.map((row) => row.id)).toEqual([manuscript.id]);
      expect((await storage.manuscripts.listTrashForUser(owner.id)).map((row) => row.id)).toEqual([other.id]);
    });

    it('purges what has been in the trash past the retention, with everything of theirs, and nothing else', async () => {
      const now = Date.now();
      const { owner, manuscript: expired, members: [editor] } = await cast('editor');
      const kept = await novel(owner, 'Trashed lately');
      const live = await novel(owner, 'Live');
      for (const target of [expired, kept, live]) {
        await storage.members.shareByEmail({ manuscriptId: target.id, email: emailFor('Pending'), role: 'viewer', invitedBy: owner.id });
        await storage.drafts.insert({ manuscriptId: target.id, kind: 'draft', name: 'D', createdBy: owner.id, wordCount: 1, state: FIRST_UPDATE });
        await storage.comments.createThread({ manuscriptId: target.id, sceneId: 'scene1', anchor, quote: 'q', authorId: owner.id, body: 'b', mentions: [] });
        await storage.notifications.add([{ userId: owner.id, kind: 'mention', manuscriptId: target.id, actorId: editor!.id, excerpt: 'x' }]);
      }
      await storage.manuscripts.trash(expired.id, new Date(now - (TRASH_RETENTION_DAYS + 1) * DAY_MS));
      await storage.manuscripts.trash(kept.id, new Date(now - (TRASH_RETENTION_DAYS - 1) * DAY_MS));

      expect(await storage.manuscripts.purgeExpiredTrash(now)).toBe(1);
      expect(await storage.manuscripts.purgeExpiredTrash(now)).toBe(0);
      expect(await storage.manuscripts.get(expired.id)).toBeUndefined();
      const left = async (id: string) => {
        const counts: number[] = [];
        for (const table of ['memberships', 'invitations', 'document_updates', 'drafts', 'comment_threads', 'notifications']) {
          counts.push((await engine.stored.select(table, { manuscript_id: id })).length);
        }
        return counts;
      };
      expect(await left(expired.id)).toEqual([0, 0, 0, 0, 0, 0]);
      const threadIds = new Set((await engine.stored.select('comment_threads')).map((thread) => thread.id));
      expect((await engine.stored.select('comment_messages')).filter((message) => !threadIds.has(message.thread_id))).toEqual([]);
      for (const id of [kept.id, live.id]) expect(await left(id)).toEqual([1, 1, 1, 1, 1, 1]);
      expect((await storage.manuscripts.get(kept.id))?.deletedAt).toEqual(expect.any(Date));
      expect(await storage.users.getById(editor!.id)).toBeDefined();
    });

    it('renames (trimmed), counts words, keeps its settings, and is quarantined with a reason', async () => {
      const { manuscript } = await cast();
      await storage.manuscripts.rename(manuscript.id, '  Renamed ');
      expect((await storage.manuscripts.get(manuscript.id))?.title).toBe('Renamed');
      await storage.manuscripts.recordWordCount(manuscript.id, 52_000);
      await storage.manuscripts.updateSettings(manuscript.id, settings('Final Title'));
      const updated = (await storage.manuscripts.get(manuscript.id))!;
      expect(manuscriptSettingsOf(updated)).toEqual(settings('Final Title'));
      expect(updated.wordCount).toBe(52_000);
      await storage.manuscripts.updateSettings(manuscript.id, { ...settings('Final Title'), targetWords: null, deadline: null });
      expect(await storage.manuscripts.get(manuscript.id)).toMatchObject({ targetWords: null, deadline: null });

      expect(updated.quarantinedAt).toBeNull();
      await storage.manuscripts.quarantine(manuscript.id, 'seq 2 failed to decode');
      expect(await storage.manuscripts.get(manuscript.id)).toMatchObject({ quarantinedAt: expect.any(Date), quarantineReason: 'seq 2 failed to decode' });
    });
  });

  describe('members and invitations', () => {
    it('lists members in the order they joined, and changes and removes roles', async () => {
      const { owner, manuscript, members } = await cast('editor', 'commenter', 'viewer');
      const [editor, commenter, viewer] = members as [User, User, User];
      const joined = Date.now() - 10_000;
      for (const [index, member] of [owner, editor, commenter, viewer].entries()) {
        await engine.stored.update('memberships', { created_at: joined + index * 1000 }, { manuscript_id: manuscript.id, user_id: member.id });
      }
      expect(await storage.members.list(manuscript.id)).toEqual([
        { userId: owner.id, name: 'Owner', email: owner.email, color: '#225588', role: 'owner' },
        { userId: editor.id, name: 'editor', email: editor.email, color: '#225588', role: 'editor' },
        { userId: commenter.id, name: 'commenter', email: commenter.email, color: '#225588', role: 'commenter' },
        { userId: viewer.id, name: 'viewer', email: viewer.email, color: '#225588', role: 'viewer' },
      ]);
      await storage.members.setRole(manuscript.id, viewer.id, 'editor');
      expect(await storage.members.getRole(manuscript.id, viewer.id)).toBe('editor');
      await storage.members.remove(manuscript.id, commenter.id);
      expect(await storage.members.getRole(manuscript.id, commenter.id)).toBeNull();
      expect(Object.fromEntries((await storage.members.rolesFor([manuscript.id])).get(manuscript.id)!)).toEqual({ [owner.id]: 'owner', [editor.id]: 'editor', [viewer.id]: 'editor' });
      expect((await storage.members.rolesFor(['no-such-manuscript'])).get('no-such-manuscript')!.size).toBe(0);
    });

    it('a role is scoped to its manuscript', async () => {
      const { manuscript, members: [editor] } = await cast('editor');
      const { manuscript: other } = await cast();
      expect(await storage.members.getRole(other.id, editor!.id)).toBeNull();
      await storage.members.setRole(other.id, editor!.id, 'viewer');
      await storage.members.remove(other.id, editor!.id);
      expect(await storage.members.getRole(manuscript.id, editor!.id)).toBe('editor');
      expect(await storage.members.getRole(other.id, editor!.id)).toBeNull();
    });

    it('shares with a writer at once, updates a member’s role, and never demotes the owner', async () => {
      const { owner, manuscript } = await cast();
      const ben = await writer('Ben');
      const share = (email: string, role: 'editor' | 'commenter' | 'viewer') => storage.members.shareByEmail({ manuscriptId: manuscript.id, email, role, invitedBy: owner.id });
      expect(await share(` ${ben.email.toUpperCase()} `, 'viewer')).toEqual({ kind: 'member', userId: ben.id });
      expect(await storage.members.getRole(manuscript.id, ben.id)).toBe('viewer');
      expect(await share(ben.email, 'editor')).toEqual({ kind: 'member', userId: ben.id });
      expect(await storage.members.getRole(manuscript.id, ben.id)).toBe('editor');
      expect(await share(owner.email, 'viewer')).toEqual({ kind: 'member', userId: owner.id });
      expect(await storage.members.getRole(manuscript.id, owner.id)).toBe('owner');
      expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([]);
    });

    it('invites an unknown email, one pending invitation per address with the latest role', async () => {
      const { owner, manuscript } = await cast();
      const email = emailFor('Later');
      expect(await storage.members.hasEmailInvitation(email)).toBe(false);
      const first = await storage.members.shareByEmail({ manuscriptId: manuscript.id, email: email.toUpperCase(), role: 'viewer', invitedBy: owner.id });
      expect(first).toEqual({ kind: 'invited', invitationId: expect.any(String) });
      const second = await storage.members.shareByEmail({ manuscriptId: manuscript.id, email, role: 'commenter', invitedBy: owner.id });
      expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([
        { id: second.kind === 'invited' ? second.invitationId : '', email, role: 'commenter', isLink: false, createdAt: expect.any(Date) },
      ]);
      expect(await storage.members.hasEmailInvitation(` ${email.toUpperCase()} `)).toBe(true);
      // An invitation link is not an invitation to an email; a sign-up spends the email's.
      await storage.members.createInviteLink({ manuscriptId: manuscript.id, role: 'viewer', createdBy: owner.id });
      await storage.users.create({ email, name: 'Later', color: '#123456', passwordHash: null });
      expect(await storage.members.hasEmailInvitation(email)).toBe(false);
    });

    it('sharing twice at once makes one membership, or one invitation', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const { owner, manuscript } = await cast();
        const ben = await writer('Ben');
        const unknown = emailFor('Unknown');
        await Promise.all(
          [ben.email, ben.email, unknown, unknown].map((email, index) =>
            storage.members.shareByEmail({ manuscriptId: manuscript.id, email, role: index % 2 ? 'editor' : 'viewer', invitedBy: owner.id }),
          ),
        );
        expect(await engine.stored.select('memberships', { manuscript_id: manuscript.id, user_id: ben.id })).toHaveLength(1);
        expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([expect.objectContaining({ email: unknown })]);
      }
    });

    it('a sign-up racing a share to its address always ends a member, with nothing left pending', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const { owner, manuscript } = await cast();
        const email = emailFor('Racer');
        const [, racer] = await Promise.all([
          storage.members.shareByEmail({ manuscriptId: manuscript.id, email, role: 'commenter', invitedBy: owner.id }),
          storage.users.create({ email, name: 'Racer', color: '#000000', passwordHash: null }),
        ]);
        expect(await storage.members.getRole(manuscript.id, racer.id)).toBe('commenter');
        expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([]);
      }
    });

    it('an invitation link keeps only its secret’s hash, adds a joiner with its role, and an existing member keeps theirs', async () => {
      const { owner, manuscript, members: [editor] } = await cast('editor');
      const link = await storage.members.createInviteLink({ manuscriptId: manuscript.id, role: 'viewer', createdBy: owner.id });
      expect(link.secret.length).toBeGreaterThanOrEqual(32);
      const stored = await engine.stored.select('invitations', { id: link.id });
      expect(stored.map((row) => row.token_hash)).toEqual([hashToken(link.secret)]);
      expect(JSON.stringify(stored)).not.toContain(link.secret);
      expect(await storage.members.findInviteLink(link.secret)).toEqual({ id: link.id, manuscriptId: manuscript.id, role: 'viewer' });
      expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([{ id: link.id, email: null, role: 'viewer', isLink: true, createdAt: expect.any(Date) }]);

      const joiner = await writer('Joiner');
      expect(await storage.members.acceptInviteLink(link.secret, joiner.id)).toBe(manuscript.id);
      expect(await storage.members.getRole(manuscript.id, joiner.id)).toBe('viewer');
      expect(await storage.members.acceptInviteLink(link.secret, editor!.id)).toBe(manuscript.id);
      expect(await storage.members.getRole(manuscript.id, editor!.id)).toBe('editor');
      expect(await storage.members.acceptInviteLink(link.secret, owner.id)).toBe(manuscript.id);
      expect(await storage.members.getRole(manuscript.id, owner.id)).toBe('owner');
      // A link stays usable by others until revoked.
      expect(await storage.members.findInviteLink(link.secret)).toBeDefined();

      expect(await storage.members.findInviteLink('not-a-secret')).toBeUndefined();
      expect(await storage.members.acceptInviteLink('not-a-secret', joiner.id)).toBeNull();
    });

    it('joining by one link twice at once makes one membership', async () => {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const { owner, manuscript } = await cast();
        const link = await storage.members.createInviteLink({ manuscriptId: manuscript.id, role: 'commenter', createdBy: owner.id });
        const joiner = await writer('Joiner');
        expect(await Promise.all([1, 2].map(() => storage.members.acceptInviteLink(link.secret, joiner.id)))).toEqual([manuscript.id, manuscript.id]);
        expect((await engine.stored.select('memberships', { manuscript_id: manuscript.id, user_id: joiner.id })).map(({ role }) => ({ role }))).toEqual([{ role: 'commenter' }]);
      }
    });

    it('revokes an invitation of its own manuscript only: another manuscript’s id finds nothing', async () => {
      const { owner, manuscript } = await cast();
      const { manuscript: other } = await cast();
      const link = await storage.members.createInviteLink({ manuscriptId: manuscript.id, role: 'editor', createdBy: owner.id });
      const invited = await storage.members.shareByEmail({ manuscriptId: manuscript.id, email: emailFor('Later'), role: 'viewer', invitedBy: owner.id });
      const invitationId = invited.kind === 'invited' ? invited.invitationId : '';
      expect(await storage.members.revokeInvitation(other.id, link.id)).toBe(false);
      expect(await storage.members.revokeInvitation(other.id, invitationId)).toBe(false);
      expect(await storage.members.listPendingInvitations(manuscript.id)).toHaveLength(2);

      expect(await storage.members.revokeInvitation(manuscript.id, link.id)).toBe(true);
      expect(await storage.members.revokeInvitation(manuscript.id, link.id)).toBe(false);
      expect(await storage.members.acceptInviteLink(link.secret, (await writer('Late')).id)).toBeNull();
      expect(await storage.members.revokeInvitation(manuscript.id, invitationId)).toBe(true);
      expect(await storage.members.listPendingInvitations(manuscript.id)).toEqual([]);
    });
  });

  describe('drafts and the document log', () => {
    it('keeps drafts and checkpoints, lists them newest first without their states, and reads one back as bytes', async () => {
      const { owner, manuscript } = await cast();
      const state = new Uint8Array([9, 8, 7, 0, 255]);
      const draftId = await storage.drafts.insert({ manuscriptId: manuscript.id, kind: 'draft', name: 'Draft 2 — sent to beta readers', createdBy: owner.id, wordCount: 4, state });
      const checkpointId = await storage.drafts.insert({ manuscriptId: manuscript.id, kind: 'checkpoint', name: 'Before lunch', createdBy: null, changedBy: 'Ada, Ben', wordCount: 5, state });
      const now = Date.now();
      await engine.stored.update('drafts', { created_at: now - 5000 }, { id: draftId });
      await engine.stored.update('drafts', { created_at: now - 1000 }, { id: checkpointId });

      expect(await storage.drafts.list(manuscript.id)).toEqual([
        { id: checkpointId, kind: 'checkpoint', name: 'Before lunch', createdAt: new Date(now - 1000), createdByName: null, changedBy: 'Ada, Ben', wordCount: 5 },
        { id: draftId, kind: 'draft', name: 'Draft 2 — sent to beta readers', createdAt: new Date(now - 5000), createdByName: 'Owner', changedBy: '', wordCount: 4 },
      ]);
      const draft = await storage.drafts.get(manuscript.id, draftId);
      expect(draft).toEqual({ id: draftId, manuscriptId: manuscript.id, kind: 'draft', name: 'Draft 2 — sent to beta readers', createdBy: owner.id, changedBy: '', createdAt: new Date(now - 5000), wordCount: 4, state });
      expect(Object.getPrototypeOf(draft!.state)).toBe(Uint8Array.prototype);
    });

    it('never finds or deletes another manuscript’s draft, whatever the id', async () => {
      const { owner, manuscript } = await cast();
      const { manuscript: other } = await cast();
      const draftId = await storage.drafts.insert({ manuscriptId: manuscript.id, kind: 'draft', name: 'Mine', createdBy: owner.id, wordCount: 0, state: FIRST_UPDATE });
      expect(await storage.drafts.get(other.id, draftId)).toBeUndefined();
      expect(await storage.drafts.list(other.id)).toEqual([]);
      await storage.drafts.delete(other.id, [draftId]);
      await storage.drafts.delete(manuscript.id, []);
      expect(await storage.drafts.get(manuscript.id, draftId)).toBeDefined();
      await storage.drafts.delete(manuscript.id, [draftId, 'no-such-draft']);
      expect(await storage.drafts.get(manuscript.id, draftId)).toBeUndefined();
      expect(await storage.drafts.list(manuscript.id)).toEqual([]);
    });

    it('reads a manuscript’s own log, oldest first', async () => {
      const { manuscript } = await cast();
      const { manuscript: other } = await cast();
      for (const bytes of [[4], [5, 6]]) await storage.documents.append(manuscript.id, new Uint8Array(bytes));
      const updates = await storage.documents.readUpdates(manuscript.id);
      expect(updates.map((update) => [...update.bytes])).toEqual([[...FIRST_UPDATE], [4], [5, 6]]);
      expect(updates.map((update) => update.seq)).toEqual([...updates.map((update) => update.seq)].sort((a, b) => a - b));
      expect((await storage.documents.readUpdates(other.id)).map((update) => [...update.bytes])).toEqual([[...FIRST_UPDATE]]);
      expect(await storage.documents.readUpdates('no-such-manuscript')).toEqual([]);
    });
  });

  describe('inbox', () => {
    it('starts with every kind and no email; settings are saved per writer without repeats', async () => {
      const ada = await writer('Ada');
      const ben = await writer('Ben');
      expect(await storage.notifications.getSettings(ada.id)).toEqual({ kinds: ['mention', 'reply', 'resolved', 'reopened', 'shared', 'draft-restored'], email: 'off' });
      await storage.notifications.setSettings(ada.id, { kinds: ['mention', 'reply', 'mention'], email: 'daily' });
      expect(await storage.notifications.getSettings(ada.id)).toEqual({ kinds: ['mention', 'reply'], email: 'daily' });
      await storage.notifications.setSettings(ada.id, { kinds: [], email: 'immediate' });
      expect(await storage.notifications.getSettings(ada.id)).toEqual({ kinds: [], email: 'immediate' });
      expect((await storage.notifications.getSettings(ben.id)).email).toBe('off');
      await engine.stored.update('notification_settings', { kinds: '["mention","long-gone-kind"]' }, { user_id: ada.id });
      expect((await storage.notifications.getSettings(ada.id)).kinds).toEqual(['mention']);
    });

    it('stores items for members who want that kind, never for the actor or an outsider', async () => {
      const { owner, manuscript, members } = await cast('editor', 'commenter');
      const [editor, commenter] = members as [User, User];
      const outsider = await writer('Outsider');
      await storage.notifications.setSettings(commenter.id, { kinds: ['reply'], email: 'off' });
      const item = (userId: string, kind: 'mention' | 'reply' = 'mention') => ({ userId, kind, manuscriptId: manuscript.id, threadId: 'thread-1', actorId: owner.id, excerpt: 'x'.repeat(300) });
      const ids = await storage.notifications.add([item(editor.id), item(commenter.id), item(commenter.id, 'reply'), item(owner.id), item(outsider.id)]);
      expect(ids).toHaveLength(2);
      const [forEditor] = await storage.notifications.list(editor.id);
      expect(forEditor).toEqual({ id: ids[0], kind: 'mention', manuscriptId: manuscript.id, manuscriptTitle: 'The Lighthouse', threadId: 'thread-1', actorName: 'Owner', excerpt: 'x'.repeat(280), createdAt: expect.any(Number), read: false });
      expect((await storage.notifications.list(commenter.id)).map((view) => [view.id, view.kind])).toEqual([[ids[1], 'reply']]);
      expect(await storage.notifications.list(owner.id)).toEqual([]);
      expect(await storage.notifications.list(outsider.id)).toEqual([]);
      // Without an actor (the system) the owner is told too.
      expect(await storage.notifications.add([{ userId: owner.id, kind: 'draft-restored', manuscriptId: manuscript.id, actorId: null, excerpt: 'Restored' }])).toHaveLength(1);
      expect(await storage.notifications.list(owner.id)).toEqual([expect.objectContaining({ kind: 'draft-restored', threadId: null, actorName: 'A former member' })]);
      expect(await storage.notifications.add([])).toEqual([]);
    });

    it('lists newest first, up to a limit, only for live manuscripts the writer is still a member of, and counts what it lists', async () => {
      const { owner, manuscript, members: [editor] } = await cast('editor');
      const second = await novel(owner, 'Second');
      await storage.members.shareByEmail({ manuscriptId: second.id, email: editor!.email, role: 'viewer', invitedBy: owner.id });
      const third = await novel(owner, 'Third');
      await storage.members.shareByEmail({ manuscriptId: third.id, email: editor!.email, role: 'viewer', invitedBy: owner.id });
      const mention = (manuscriptId: string, excerpt: string) => ({ userId: editor!.id, kind: 'mention' as const, manuscriptId, actorId: owner.id, excerpt });
      const [a, b, c, d] = await storage.notifications.add([mention(manuscript.id, 'a'), mention(manuscript.id, 'b'), mention(second.id, 'c'), mention(third.id, 'd')]);
      const now = Date.now();
      for (const [index, id] of [a, b, c, d].entries()) await engine.stored.update('notifications', { created_at: now - 10_000 + index * 1000 }, { id });

      expect((await storage.notifications.list(editor!.id)).map((view) => [view.excerpt, view.createdAt])).toEqual([['d', now - 7000], ['c', now - 8000], ['b', now - 9000], ['a', now - 10_000]]);
      expect((await storage.notifications.list(editor!.id, 2)).map((view) => view.excerpt)).toEqual(['d', 'c']);
      expect(await storage.notifications.unreadCount(editor!.id)).toBe(4);

      await storage.manuscripts.trash(second.id);
      await storage.members.remove(third.id, editor!.id);
      expect((await storage.notifications.list(editor!.id)).map((view) => view.excerpt)).toEqual(['b', 'a']);
      expect(await storage.notifications.unreadCount(editor!.id)).toBe(2);
      await storage.manuscripts.restore(second.id);
      expect((await storage.notifications.list(editor!.id)).map((view) => view.excerpt)).toEqual(['c', 'b', 'a']);
      expect(await storage.notifications.unreadCount(editor!.id)).toBe(3);
    });

    it('names a departed actor as a former member', async () => {
      const { manuscript, members: [editor] } = await cast('editor');
      const gone = await writer('Gone');
      await storage.members.shareByEmail({ manuscriptId: manuscript.id, email: gone.email, role: 'viewer', invitedBy: editor!.id });
      await storage.notifications.add([{ userId: editor!.id, kind: 'reply', manuscriptId: manuscript.id, actorId: gone.id, excerpt: 'bye' }]);
      await engine.stored.delete('users', { id: gone.id });
      expect((await storage.notifications.list(editor!.id)).map((view) => view.actorName)).toEqual(['A former member']);
    });

    it('marks some or all of the writer’s own items read, never anyone else’s', async () => {
      const { owner, manuscript, members } = await cast('editor', 'viewer');
      const [editor, viewer] = members as [User, User];
      const mention = (userId: string, excerpt: string) => ({ userId, kind: 'mention' as const, manuscriptId: manuscript.id, actorId: owner.id, excerpt });
      const [one, , , theirs] = await storage.notifications.add([mention(editor.id, '1'), mention(editor.id, '2'), mention(editor.id, '3'), mention(viewer.id, 'v')]);
      await storage.notifications.markRead(editor.id, [one!, theirs!]);
      expect(await storage.notifications.unreadCount(editor.id)).toBe(2);
      expect(await storage.notifications.unreadCount(viewer.id)).toBe(1);
      expect((await storage.notifications.list(editor.id)).filter((view) => view.read).map((view) => view.id)).toEqual([one]);
      await storage.notifications.markRead(editor.id, []);
      expect(await storage.notifications.unreadCount(editor.id)).toBe(2);
      await storage.notifications.markRead(editor.id);
      expect(await storage.notifications.unreadCount(editor.id)).toBe(0);
      expect((await storage.notifications.list(editor.id)).every((view) => view.read)).toBe(true);
      expect(await storage.notifications.unreadCount(viewer.id)).toBe(1);
    });

    it('hands over items to email once: chosen ids, or a writer’s unread ones for the digest', async () => {
      const { owner, manuscript, members: [editor] } = await cast('editor');
      const mention = (excerpt: string) => ({ userId: editor!.id, kind: 'mention' as const, manuscriptId: manuscript.id, actorId: owner.id, excerpt });
      const [first, second, third] = await storage.notifications.add([mention('first'), mention('second'), mention('third')]);
      const now = Date.now();
      for (const [index, id] of [first, second, third].entries()) await engine.stored.update('notifications', { created_at: now - 10_000 + index * 1000 }, { id });

      const immediate = await storage.notifications.toEmail({ ids: [first!, 'no-such-item'] });
      expect(immediate).toEqual([
        { id: first, kind: 'mention', manuscriptId: manuscript.id, manuscriptTitle: 'The Lighthouse', threadId: null, actorName: 'Owner', excerpt: 'first', createdAt: now - 10_000, read: false, userId: editor!.id, email: editor!.email, userName: 'editor' },
      ]);
      await storage.notifications.markEmailed([first!]);
      expect(await storage.notifications.toEmail({ ids: [first!] })).toEqual([]);
      expect(await storage.notifications.toEmail({ ids: [] })).toEqual([]);
      await storage.notifications.markRead(editor!.id, [second!]);
      expect((await storage.notifications.toEmail({ userId: editor!.id })).map((item) => item.excerpt)).toEqual(['third']);
      await storage.notifications.markEmailed([]);
      await storage.notifications.markEmailed([third!]);
      expect(await storage.notifications.toEmail({ userId: editor!.id })).toEqual([]);
      expect(await storage.notifications.toEmail({ userId: owner.id })).toEqual([]);
    });

    it('never emails an item its writer could no longer read: removed from the manuscript, or it is in the trash', async () => {
      const { owner, manuscript, members: [editor, viewer] } = await cast('editor', 'viewer');
      const mention = (userId: string, excerpt: string) => ({ userId, kind: 'mention' as const, manuscriptId: manuscript.id, actorId: owner.id, excerpt });
      const [forEditor, forViewer] = await storage.notifications.add([mention(editor!.id, 'to the editor'), mention(viewer!.id, 'to the viewer')]);
      await storage.members.remove(manuscript.id, viewer!.id);
      expect((await storage.notifications.toEmail({ ids: [forEditor!, forViewer!] })).map((item) => item.excerpt)).toEqual(['to the editor']);
      expect(await storage.notifications.toEmail({ userId: viewer!.id })).toEqual([]);
      await storage.manuscripts.trash(manuscript.id);
      expect(await storage.notifications.toEmail({ ids: [forEditor!] })).toEqual([]);
      expect(await storage.notifications.toEmail({ userId: editor!.id })).toEqual([]);
    });

    it('names the writers whose daily digest is due, and lets one claim each digest', async () => {
      const daily = await writer('Daily');
      const sentToday = await writer('Sent');
      const immediate = await writer('Immediate');
      await storage.notifications.setSettings(daily.id, { kinds: ['mention'], email: 'daily' });
      await storage.notifications.setSettings(sentToday.id, { kinds: ['mention'], email: 'daily' });
      await storage.notifications.setSettings(immediate.id, { kinds: ['mention'], email: 'immediate' });
      const now = new Date();
      const cutoff = new Date(now.getTime() - DAY_MS);
      expect(await storage.notifications.claimDigest(sentToday.id, cutoff, now)).toBe(true);
      expect(await storage.notifications.claimDigest(sentToday.id, cutoff, now)).toBe(false);
      const due = await storage.notifications.digestRecipients(cutoff);
      expect(due).toContain(daily.id);
      expect(due).not.toContain(sentToday.id);
      expect(due).not.toContain(immediate.id);
      // A day later it is due again; changing the settings keeps the last digest's time.
      await storage.notifications.setSettings(sentToday.id, { kinds: ['reply'], email: 'daily' });
      expect(await storage.notifications.digestRecipients(cutoff)).not.toContain(sentToday.id);
      expect(await storage.notifications.digestRecipients(new Date(now.getTime() + 1))).toContain(sentToday.id);
      expect(await storage.notifications.claimDigest(sentToday.id, new Date(now.getTime() + 1), new Date(now.getTime() + DAY_MS))).toBe(true);
      // A writer who never chose settings has no digest to claim.
      expect(await storage.notifications.claimDigest((await writer('Default')).id, cutoff, now)).toBe(false);
    });

    it('two instances claiming one digest at once: exactly one sends it', async () => {
      const daily = await writer('Daily');
      await storage.notifications.setSettings(daily.id, { kinds: ['mention'], email: 'daily' });
      const start = Date.now();
      for (let round = 0; round < RACE_ROUNDS; round++) {
        const due = new Date(start + round * DAY_MS);
        const claims = await Promise.all([1, 2].map(() => storage.notifications.claimDigest(daily.id, due, due)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      }
    });

    it('names who began a thread and everyone who wrote in it, with its quote', async () => {
      const { manuscript, members } = await cast('editor', 'commenter');
      const [editor, commenter] = members as [User, User];
      const threadId = await storage.comments.createThread({ manuscriptId: manuscript.id, sceneId: 'scene1', anchor, quote: 'the storm', authorId: editor.id, body: 'Too loud?', mentions: [] });
      await storage.comments.addMessage({ threadId, authorId: commenter.id, body: 'Keep it.', mentions: [] });
      await storage.comments.addMessage({ threadId, authorId: editor.id, body: 'Fine.', mentions: [] });
      const participants = await storage.notifications.threadParticipants(threadId);
      expect({ ...participants, writers: [...participants!.writers].sort() }).toEqual({ createdBy: editor.id, writers: [editor.id, commenter.id].sort(), quote: 'the storm' });
      expect(await storage.notifications.threadParticipants('no-such-thread')).toBeNull();
    });
  });
});

describe('openStorage', () => {
  it('opens a fresh, empty memory engine for memory:, and has no file to restore', async () => {
    const first = await openStorage(MEMORY_STORAGE_URL);
    const second = await openStorage(MEMORY_STORAGE_URL);
    expect([first.engine, second.engine]).toEqual(['memory', 'memory']);
    const ada = await first.users.create({ email: 'ada@example.test', name: 'Ada', color: '#112233', passwordHash: null });
    expect(await first.users.getById(ada.id)).toEqual(ada);
    expect(await second.users.getById(ada.id)).toBeUndefined();
    await expect(first.backup('/tmp/never-written.db')).rejects.toThrow(/no file/);
    expect(() => restoreBackup(MEMORY_STORAGE_URL, '/tmp/never-read.db')).toThrow(/no file/);
    await Promise.all([first.close(), second.close()]);
  });
});
