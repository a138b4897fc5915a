import { canWrite, hasAtLeast, type Role } from '../../domain/roles';

/** The toolbar's three ways of working on the text, as in Google Docs. */
export type EditingMode = 'editing' | 'suggesting' | 'viewing';

export const MODE_LABEL: Record<EditingMode, string> = { editing: 'Editing', suggesting: 'Suggesting', viewing: 'Viewing' };

/** What each role may choose: editors and the owner all three, a commenter suggests or views, a viewer views. */
export function modesFor(role: Role): EditingMode[] {
  if (canWrite(role)) return ['editing', 'suggesting', 'viewing'];
  if (hasAtLeast(role, 'commenter')) return ['suggesting', 'viewing'];
  return ['viewing'];
}

/** The mode in force: the one chosen if the role allows it, else the role's first (a role change applies at once). */
export function effectiveMode(role: Role, chosen: EditingMode | null): EditingMode {
  const allowed = modesFor(role);
  return chosen && allowed.includes(chosen) ? chosen : allowed[0]!;
}
