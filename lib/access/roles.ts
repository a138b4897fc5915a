import type { Role } from '../domain/roles';

/** How each role is named and explained to a writer (the roles themselves live in lib/domain/roles.ts). */
export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', editor: 'Editor', commenter: 'Commenter', viewer: 'Viewer' };

export const ROLE_DESCRIPTION: Record<Role, string> = {
  owner: 'You own this manuscript.',
  editor: 'You can write in this manuscript.',
  commenter: 'Commenter: can comment and suggest. Select words and press Comment to leave a note, or type to suggest a change.',
  viewer: 'You are a viewer: you can read along live, but not type.',
};
