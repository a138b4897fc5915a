import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as operations from '../access/operations';
import { createUser, openDatabase, type Db } from '../db';
import { inviteSecretIn, signUpVerdict } from './sign-up-policy';

let db: Db;
let manuscriptId: string;
let linkPath: string;

beforeEach(() => {
  db = openDatabase('file::memory:');
  const owner = createUser(db, { email: 'owner@example.test', name: 'Owner', color: '#123456', passwordHash: null });
  manuscriptId = operations.createManuscriptAs(db, owner, { title: 'Invited' }).id;
  operations.shareByEmailAs(db, owner, manuscriptId, { email: 'ben@example.test', role: 'editor' }, { shared: () => [] });
  linkPath = `/invite/${operations.createInviteLinkAs(db, owner, manuscriptId, { role: 'viewer' }).secret}`;
});
afterEach(() => db.$client.close());

describe('who may sign up', () => {
  it('open: anyone', () => {
    expect(signUpVerdict(db, 'open', { email: 'stranger@example.test' })).toEqual({ allowed: true });
  });

  it('invite: an invited email, or someone arriving through a live invitation link; nobody else', () => {
    expect(signUpVerdict(db, 'invite', { email: 'ben@example.test' })).toEqual({ allowed: true });
    expect(signUpVerdict(db, 'invite', { email: 'stranger@example.test', next: linkPath })).toEqual({ allowed: true });
    expect(signUpVerdict(db, 'invite', { email: 'stranger@example.test' })).toMatchObject({ allowed: false, message: expect.stringContaining('by invitation') });
    expect(signUpVerdict(db, 'invite', { email: 'stranger@example.test', next: '/invite/not-a-real-secret' })).toMatchObject({ allowed: false });
    expect(signUpVerdict(db, 'invite', { email: 'stranger@example.test', next: `${linkPath}/../../elsewhere` })).toMatchObject({ allowed: false });
  });

  it('closed: nobody, invited or not', () => {
    expect(signUpVerdict(db, 'closed', { email: 'ben@example.test', next: linkPath })).toMatchObject({ allowed: false, message: expect.stringContaining('not taking new accounts') });
  });

  it('reads an invitation link only from a plain /invite/<secret> path', () => {
    expect(inviteSecretIn('/invite/abc-DEF_123')).toBe('abc-DEF_123');
    expect(inviteSecretIn('/invite/abc/def')).toBeNull();
    expect(inviteSecretIn('/m/abc')).toBeNull();
    expect(inviteSecretIn(null)).toBeNull();
  });
});
