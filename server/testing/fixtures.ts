import { signCollabToken, type CollabTokenClaims } from '../../lib/collab/token';
import { encodeNewManuscript } from '../../lib/manuscript/binder';
import type { User } from '../../lib/storage/records';
import { createManuscript, createUser, getMemberRole, type Db } from '../../lib/storage/sqlite';
import type { Storage } from '../../lib/storage/storage';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

let counter = 0;
const writerInput = (name: string) => {
  counter += 1;
  return { email: `${name.toLowerCase()}.${counter}@example.test`, name, color: '#336699', passwordHash: null };
};

/** A writer account straight in the database (no password: tests sign tokens directly). */
export function seedWriter(db: Db, name: string): User {
  return createUser(db, writerInput(name));
}

export function seedManuscript(db: Db, owner: User, title = 'Test manuscript') {
  return createManuscript(db, { title, ownerId: owner.id, initialUpdate: encodeNewManuscript() });
}

const signFor = (user: User, manuscriptId: string, role: CollabTokenClaims['role'], secret: string) =>
  signCollabToken(secret, { sub: user.id, name: user.name, color: user.color, mid: manuscriptId, role });

/** A collab token as web would sign it, for the user's current role (or an explicit one). */
export async function tokenFor(db: Db, user: User, manuscriptId: string, secret = TEST_SECRET): Promise<string> {
  return signFor(user, manuscriptId, getMemberRole(db, manuscriptId, user.id) ?? 'viewer', secret);
}

/** The same seeds through the storage interface, on whichever engine openStorage opened (the benches). */
export const seedWriterIn = (storage: Storage, name: string): Promise<User> => storage.users.create(writerInput(name));

export const seedManuscriptIn = (storage: Storage, owner: User, title = 'Test manuscript', initialUpdate = encodeNewManuscript()) =>
  storage.manuscripts.create({ title, ownerId: owner.id, initialUpdate });

export async function tokenIn(storage: Storage, user: User, manuscriptId: string, secret = TEST_SECRET): Promise<string> {
  return signFor(user, manuscriptId, (await storage.members.getRole(manuscriptId, user.id)) ?? 'viewer', secret);
}
