import { signCollabToken } from '../../lib/collab/token';
import { createManuscript, createUser, getMemberRole, type Db, type User } from '../../lib/db';
import { encodeNewManuscript } from '../../lib/manuscript/binder';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

let counter = 0;

/** A writer account straight in the database (no password: tests sign tokens directly). */
export function seedWriter(db: Db, name: string): User {
  counter += 1;
  return createUser(db, { email: `${name.toLowerCase()}.${counter}@example.test`, name, color: '#336699', passwordHash: null });
}

export function seedManuscript(db: Db, owner: User, title = 'Test manuscript') {
  return createManuscript(db, { title, ownerId: owner.id, initialUpdate: encodeNewManuscript() });
}

/** A collab token as web would sign it, for the user's current role (or an explicit one). */
export async function tokenFor(db: Db, user: User, manuscriptId: string, secret = TEST_SECRET): Promise<string> {
  const role = getMemberRole(db, manuscriptId, user.id) ?? 'viewer';
  return signCollabToken(secret, { sub: user.id, name: user.name, color: user.color, mid: manuscriptId, role });
}
