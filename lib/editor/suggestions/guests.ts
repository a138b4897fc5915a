/**
 * A suggestion's `author` is a member's user id, or for someone who is not a member (an editor whose
 * tracked changes were imported from Word) `guest:` and their name, so the card can say who proposed it.
 */
const GUEST_PREFIX = 'guest:';

export function guestAuthorKey(name: string): string {
  return `${GUEST_PREFIX}${name}`;
}

/** The guest's name when a suggestion's author is a guest, else null. */
export function guestNameOf(authorKey: string | null | undefined): string | null {
  return authorKey?.startsWith(GUEST_PREFIX) ? authorKey.slice(GUEST_PREFIX.length) || null : null;
}

export { GUEST_COLOR } from '../../storage/records';
