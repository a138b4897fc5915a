/**
 * The roles a member holds on a manuscript, stated once: storage, the wire protocol, tokens, zod
 * inputs and the UI all take them from here. The ground floor: imports nothing.
 */
export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an owner can give when sharing (ownership itself is not shared). */
export const SHAREABLE_ROLES = ['editor', 'commenter', 'viewer'] as const satisfies readonly Role[];
export type ShareableRole = (typeof SHAREABLE_ROLES)[number];

// Later in ROLES is lower: a role holds every permission of the roles after it.
const rank = (role: Role) => ROLES.length - ROLES.indexOf(role);

export function hasAtLeast(role: Role, minimum: Role): boolean {
  return rank(role) >= rank(minimum);
}

export const canWrite = (role: Role) => hasAtLeast(role, 'editor');
