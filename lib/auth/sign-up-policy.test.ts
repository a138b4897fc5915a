import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as operations from '../access/operations';
import { openDatabase, type Db } from '../storage/sqlite';
import { createSqliteStorage } from '../storage/sqlite/storage';
import type { Storage } from '../storage/storage';
import { inviteSecretIn, signUpVerdict } from './sign-up-policy';

let db: Db;
let storage: Storage;
let manuscriptId: string;
let linkPath: string;

beforeEach(async () => {
  db = openDatabase('file::memory:');
  storage = createSqliteStorage(db);
  const owner = await storage.users.create({ email: 'owner@example.test', name: 'Owner', color: '#123456', passwordHash: null });
  manuscriptId = (await operations.createManuscriptAs(storage, owner, { title: 'Invited' })).id;
  await operations.shareByEmailAs(storage, owner, manuscriptId, { email: 'ben@example.test', role: 'editor' }, { shared: async () => [] });
  linkPath = `/invite/${(await operations.createInviteLinkAs(storage, owner, manuscriptId, { role: 'viewer' })).secret}`;
});
afterEach(() => db.$client.close());

describe('who may sign up', () => {
  it('open: anyone', async () => {
    expect(await signUpVerdict(storage, 'open', { email: 'stranger@example.test' })).toEqual({ allowed: true });
  });

  it('invite: an invited email, or someone arriving through a live invitation link; nobody else', async () => {
    expect(await signUpVerdict(storage, 'invite', { email: 'ben@example.test' })).toEqual({ allowed: true });
    expect(await signUpVerdict(storage, 'invite', { email: 'stranger@example.test', next: linkPath })).toEqual({ allowed: true });
    expect(await signUpVerdict(storage, 'invite', { email: 'stranger@example.test' })).toMatchObject({ allowed: false, message: expect.stringContaining('by invitation') });
    expect(await signUpVerdict(storage, 'invite', { email: 'stranger@example.test', next: '/invite/not-a-real-secret' })).toMatchObject({ allowed: false });
    expect(await signUpVerdict(storage, 'invite', { email: 'stranger@example.test', next: `${linkPath}/../../elsewhere` })).toMatchObject({ allowed: false });
  });

  it('closed: nobody, invited or not', async () => {
    expect(await signUpVerdict(storage, 'closed', { email: 'ben@example.test', next: linkPath })).toMatchObject({ allowed: false, message: expect.stringContaining('not taking new accounts') });
  });

  it('reads an invitation link only from a plain /invite/<secret> path', () => {
    expect(inviteSecretIn('/invite/abc-DEF_123')).toBe('abc-DEF_123');
    expect(inviteSecretIn('/invite/abc/def')).toBeNull();
    expect(inviteSecretIn('/m/abc')).toBeNull();
    expect(inviteSecretIn(null)).toBeNull();
  });
});
