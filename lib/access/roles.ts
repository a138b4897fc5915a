import type { Role } from '../storage/records';

export type { Role };

const RANK: Record<Role, number> = { viewer: 0, commenter: 1, editor: 2, owner: 3 };

export function hasAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export const canWrite = (role: Role) => hasAtLeast(role, 'editor');

/** The roles an owner can give when sharing (ownership itself is not shared). */
export const SHAREABLE_ROLES = ['editor', 'commenter', 'viewer'] as const;
export type ShareableRole = (typeof SHAREABLE_ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTION: Record<Role, string> = {
  owner: 'You own this manuscript.',
  editor: 'You can write in this manuscript.',
  commenter: 'Commenter: can comment and suggest. Select words and press Comment to leave a note, or type to suggest a change.',
  viewer: 'You are a viewer: you can read along live, but not type.',
};
