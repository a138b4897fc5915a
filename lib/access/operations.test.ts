import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verifyCollabToken } from '../collab/token';
import { readScenes } from '../manuscript/binder';
import { loadManuscriptDoc } from '../manuscript/load-document';
import { sceneText } from '../manuscript/word-count';
import { appendUpdate, drafts, openDatabase, type Db } from '../storage/sqlite';
import type { User } from '../storage/records';
import { createSqliteStorage } from '../storage/sqlite/storage';
import type { Storage } from '../storage/storage';
import { InvalidOperationError, NotFoundError, UnreadableDocumentError } from './errors';
import * as operations from './operations';
import type { Role } from '../domain/roles';

const SECRET = 'operations-test-secret-operations-test';
let dir: string;
let db: Db;
let storage: Storage;
let owner: User;
let manuscriptId: string;
let invitationId: string;
let draftId: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-ops-'));
  db = openDatabase(`file:${path.join(dir, 'ops.db')}`);
  storage = createSqliteStorage(db);
  owner = await writer('Owner');
  manuscriptId = (await operations.createManuscriptAs(storage, owner, { title: 'Owned' })).id;
  invitationId = (await operations.createInviteLinkAs(storage, owner, manuscriptId, { role: 'viewer' })).id;
  draftId = await operations.saveDraftAs(storage, owner, manuscriptId, { name: 'First' });
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let count = 0;
async function writer(name: string, role?: Role): Promise<User> {
  const user = await storage.users.create({ email: `${name}.${++count}@example.test`, name, color: '#123456', passwordHash: null });
  if (role) await operations.shareByEmailAs(storage, owner, manuscriptId, { email: user.email, role: role as 'editor' });
  return user;
}

/** Every manuscript operation, called as `actor`; the minimum role it needs; undefined = any member. */
const OPERATIONS: Record<string, { minRole: Role; run: (actor: User) => unknown }> = {
  getManuscriptAs: { minRole: 'viewer', run: (a) => operations.getManuscriptAs(storage, a, manuscriptId) },
  listMembersAs: { minRole: 'viewer', run: (a) => operations.listMembersAs(storage, a, manuscriptId) },
  issueCollabTokenAs: { minRole: 'viewer', run: (a) => operations.issueCollabTokenAs(storage, a, manuscriptId, SECRET) },
  getManuscriptSettingsAs: { minRole: 'viewer', run: (a) => operations.getManuscriptSettingsAs(storage, a, manuscriptId) },
  updateManuscriptSettingsAs: {
    minRole: 'editor',
    run: (a) =>
      operations.updateManuscriptSettingsAs(storage, a, manuscriptId, {
        title: 'Owned', authorLegalName: 'X', byline: '', contactAddress: '', contactEmail: '', contactPhone: '', genre: '', runningHeadKeyword: '', targetWords: null, deadline: null,
      }),
  },
  exportManuscriptAs: { minRole: 'viewer', run: (a) => operations.exportManuscriptAs(storage, a, manuscriptId, { format: 'txt' }) },
  saveDraftAs: { minRole: 'editor', run: (a) => operations.saveDraftAs(storage, a, manuscriptId, { name: 'Draft' }) },
  listDraftsAs: { minRole: 'viewer', run: (a) => operations.listDraftsAs(storage, a, manuscriptId) },
  openDraftAs: { minRole: 'viewer', run: (a) => operations.openDraftAs(storage, a, manuscriptId, draftId) },
  compareDraftAs: { minRole: 'viewer', run: (a) => operations.compareDraftAs(storage, a, manuscriptId, draftId, 'current') },
  renameManuscriptAs: { minRole: 'editor', run: (a) => operations.renameManuscriptAs(storage, a, manuscriptId, { title: 'Renamed' }) },
  trashManuscriptAs: { minRole: 'owner', run: (a) => operations.trashManuscriptAs(storage, a, manuscriptId) },
  restoreManuscriptAs: { minRole: 'owner', run: (a) => operations.restoreManuscriptAs(storage, a, manuscriptId) },
  shareByEmailAs: { minRole: 'owner', run: (a) => operations.shareByEmailAs(storage, a, manuscriptId, { email: 'new@example.test', role: 'editor' }) },
  changeRoleAs: { minRole: 'owner', run: (a) => operations.changeRoleAs(storage, a, manuscriptId, other.id, { role: 'commenter' }) },
  removeMemberAs: { minRole: 'owner', run: (a) => operations.removeMemberAs(storage, a, manuscriptId, other.id) },
  createInviteLinkAs: { minRole: 'owner', run: (a) => operations.createInviteLinkAs(storage, a, manuscriptId, { role: 'editor' }) },
  revokeInvitationAs: { minRole: 'owner', run: (a) => operations.revokeInvitationAs(storage, a, manuscriptId, invitationId) },
};
let other: User;

describe('authorisation of every manuscript operation', () => {
  it('covers every exported operation that takes a manuscript', () => {
    const exported = Object.keys(operations).filter((name) => name.endsWith('As'));
    const unscoped = ['createManuscriptAs', 'acceptInviteLinkAs', 'importManuscriptAs'];
    expect(exported.filter((name) => !unscoped.includes(name)).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  const ranks: Role[] = ['viewer', 'commenter', 'editor', 'owner'];
  for (const [name, { minRole, run }] of Object.entries(OPERATIONS)) {
    it(`${name}: refused below ${minRole} and to strangers exactly like an unknown manuscript`, async () => {
      other = await writer('Other', 'editor');
      const stranger = await writer('Stranger');
      await expect(Promise.resolve().then(() => run(stranger))).rejects.toBeInstanceOf(NotFoundError);
      for (const role of ranks.slice(0, ranks.indexOf(minRole))) {
        if (role === 'owner') continue;
        const member = await writer(`Member-${role}`, role);
        await expect(Promise.resolve().then(() => run(member)), `${name} as ${role}`).rejects.toBeInstanceOf(NotFoundError);
      }
      expect((await storage.manuscripts.get(manuscriptId))?.title).toBe('Owned');
      expect(await storage.members.getRole(manuscriptId, other.id)).toBe('editor');
    });
  }

  it('a member can leave, the owner cannot, and only the owner removes others', async () => {
    const ben = await writer('Ben', 'commenter');
    const cy = await writer('Cy', 'editor');
    await expect(operations.removeMemberAs(storage, ben, manuscriptId, cy.id)).rejects.toThrow(NotFoundError);
    await operations.removeMemberAs(storage, ben, manuscriptId, ben.id);
    expect(await storage.members.getRole(manuscriptId, ben.id)).toBeNull();
    await expect(operations.removeMemberAs(storage, owner, manuscriptId, owner.id)).rejects.toThrow(InvalidOperationError);
    await expect(operations.changeRoleAs(storage, owner, manuscriptId, owner.id, { role: 'viewer' })).rejects.toThrow(InvalidOperationError);
  });

  it('sharing with an unknown email waits for sign-up; an invitation link adds the joiner', async () => {
    await operations.shareByEmailAs(storage, owner, manuscriptId, { email: 'Later@Example.test', role: 'commenter' });
    expect((await storage.members.listPendingInvitations(manuscriptId)).map((i) => i.email)).toContain('later@example.test');
    const later = await storage.users.create({ email: 'later@example.test', name: 'Later', color: '#123456', passwordHash: null });
    expect(await storage.members.getRole(manuscriptId, later.id)).toBe('commenter');

    const link = await operations.createInviteLinkAs(storage, owner, manuscriptId, { role: 'viewer' });
    const joiner = await writer('Joiner');
    expect(await operations.acceptInviteLinkAs(storage, joiner, link.secret)).toBe(manuscriptId);
    expect(await storage.members.getRole(manuscriptId, joiner.id)).toBe('viewer');
    await expect(operations.acceptInviteLinkAs(storage, joiner, 'not-a-secret')).rejects.toThrow(NotFoundError);
    expect((await storage.members.list(manuscriptId)).map((m) => m.name)).toEqual(expect.arrayContaining(['Owner', 'Later', 'Joiner']));
  });

  it('a trashed manuscript is invisible to everyone but can be restored by its owner', async () => {
    const ed = await writer('Ed', 'editor');
    await operations.trashManuscriptAs(storage, owner, manuscriptId);
    await expect(operations.getManuscriptAs(storage, ed, manuscriptId)).rejects.toThrow(NotFoundError);
    await expect(operations.getManuscriptAs(storage, owner, manuscriptId)).rejects.toThrow(NotFoundError);
    await operations.restoreManuscriptAs(storage, owner, manuscriptId);
    expect((await operations.getManuscriptAs(storage, ed, manuscriptId)).role).toBe('editor');
  });

  it('a collab token names the user, the manuscript and the current role', async () => {
    const vi = await writer('Vi', 'viewer');
    const grant = await operations.issueCollabTokenAs(storage, vi, manuscriptId, SECRET);
    expect(await verifyCollabToken(SECRET, grant.token)).toMatchObject({ sub: vi.id, mid: manuscriptId, role: 'viewer', name: 'Vi' });
    expect(await verifyCollabToken('some-other-secret-some-other-secret', grant.token)).toBeNull();
  });
});

/** Server actions must go through these operations: each exported action is listed with the ones it calls. */
describe('server actions', () => {
  const ACTION_FILES = ['app/actions/manuscripts.ts', 'app/actions/sharing.ts', 'app/actions/account.ts', 'app/(auth)/actions.ts'];
  const AUTHORISED_BY: Record<string, string[]> = {
    createManuscriptAction: ['createManuscriptAs'],
    renameManuscriptAction: ['renameManuscriptAs'],
    trashManuscriptAction: ['trashManuscriptAs'],
    restoreManuscriptAction: ['restoreManuscriptAs'],
    shareByEmailAction: ['shareByEmailAs'],
    changeRoleAction: ['changeRoleAs'],
    removeMemberAction: ['removeMemberAs'],
    leaveManuscriptAction: ['removeMemberAs'],
    createInviteLinkAction: ['createInviteLinkAs'],
    revokeInvitationAction: ['revokeInvitationAs'],
    acceptInviteAction: ['acceptInviteLinkAs'],
    updateManuscriptSettingsAction: ['updateManuscriptSettingsAs'],
    importManuscriptAction: ['importManuscriptAs'],
    saveDraftAction: ['saveDraftAs'],
    // Account actions touch only the signed-in user's own rows.
    updateProfileAction: ['requireUser'],
    changePasswordAction: ['requireUser'],
    createApiTokenAction: ['requireUser'],
    revokeApiTokenAction: ['requireUser'],
    signUpAction: [],
    signInAction: [],
    signOutAction: [],
  };

  it('every exported action is listed, and its body calls the operation that authorises it', () => {
    const found = new Map<string, string>();
    for (const file of ACTION_FILES) {
      const source = fs.readFileSync(file, 'utf8');
      const matches = [...source.matchAll(/export async function (\w+)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)];
      for (const match of matches) found.set(match[1]!, match[2]!);
    }
    expect([...found.keys()].sort()).toEqual(Object.keys(AUTHORISED_BY).sort());
    for (const [action, body] of found) {
      for (const call of AUTHORISED_BY[action]!) expect(body, `${action} calls ${call}`).toContain(`${call}(`);
    }
  });
});

describe('drafts', () => {
  it('a saved draft reads back exactly as the manuscript was, whatever is written after', async () => {
    const write = async (text: string) => {
      const live = await loadManuscriptDoc(storage.documents, manuscriptId);
      const scene = readScenes(live)[0]!;
      const before = Y.encodeStateVector(live);
      const fragment = live.getXmlFragment(`scene.${scene.id}`);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
      appendUpdate(db, manuscriptId, Y.encodeStateAsUpdate(live, before));
      return scene.id;
    };
    const sceneId = await write('Words in the draft.');
    const id = await operations.saveDraftAs(storage, owner, manuscriptId, { name: 'Draft 2 — sent to beta readers' });
    await write('Words after the draft.');
    const { draft, doc } = await operations.openDraftAs(storage, owner, manuscriptId, id);
    expect(draft).toMatchObject({ name: 'Draft 2 — sent to beta readers', kind: 'draft', createdBy: owner.id, wordCount: 4 });
    expect(sceneText(doc, sceneId)).toBe('Words in the draft.\n');
    expect(sceneText(await loadManuscriptDoc(storage.documents, manuscriptId), sceneId)).toBe('Words in the draft.\nWords after the draft.\n');
    const { comparison } = await operations.compareDraftAs(storage, owner, manuscriptId, id, 'current');
    expect(comparison.summary).toMatchObject({ changed: 1, wordsAdded: 4, wordsCut: 0 });
    expect((await operations.listDraftsAs(storage, owner, manuscriptId)).map((d) => d.name)).toContain('Draft 2 — sent to beta readers');
  });
});

describe('unreadable stored bytes', () => {
  it('a quarantined manuscript is refused with a message, not exported half-read', async () => {
    await storage.manuscripts.quarantine(manuscriptId, 'seq 2 failed to decode');
    await expect(operations.exportManuscriptAs(storage, owner, manuscriptId, { format: 'txt' })).rejects.toThrow(UnreadableDocumentError);
    await expect(operations.saveDraftAs(storage, owner, manuscriptId, { name: 'Now' })).rejects.toThrow(/could not be read/);
  });

  it('a row that does not decode, not yet quarantined, is refused the same way', async () => {
    appendUpdate(db, manuscriptId, new Uint8Array([1, 200, 1, 2]));
    await expect(operations.exportManuscriptAs(storage, owner, manuscriptId, { format: 'txt' })).rejects.toThrow(UnreadableDocumentError);
  });

  it('a damaged draft fails its own export only', async () => {
    db.update(drafts).set({ state: Buffer.from([1, 2, 3]) }).run();
    await expect(operations.exportManuscriptAs(storage, owner, manuscriptId, { format: 'txt', draftId })).rejects.toThrow(/The draft “First” could not be read/);
    const current = await operations.exportManuscriptAs(storage, owner, manuscriptId, { format: 'txt' });
    expect(current.bytes.byteLength).toBeGreaterThan(0);
  });
});

describe('importing a file from a path', () => {
  it('titles it from the file name, signs it with the owner and counts its words', async () => {
    const bytes = new TextEncoder().encode('It was quiet in the harbour.\n\n#\n\nThen the boat came.\n');
    const created = await operations.importManuscriptAs(storage, owner, { name: path.join(dir, 'drafts', 'Quiet Harbour.txt'), bytes });
    expect(created.title).toBe('Quiet Harbour');
    expect(await storage.manuscripts.get(created.id)).toMatchObject({ title: 'Quiet Harbour', byline: 'Owner', wordCount: 10 });
  });

  it('a manuscript with no author set exports signed by its owner', async () => {
    const exported = await operations.exportManuscriptAs(storage, owner, manuscriptId, { format: 'txt' });
    expect(new TextDecoder().decode(exported.bytes)).toMatch(/^OWNED\nby Owner\n/);
  });
});
