import { guestAuthorKey } from '../../editor/suggestions/guests';

/** Who made a comment or a change: a member of the manuscript, or a guest known only by name. */
export type ReviewAuthor = { kind: 'member'; userId: string; name: string } | { kind: 'guest'; name: string };

export const MAX_GUEST_NAME = 100;

/** The value a suggestion mark's `author` carries for this author. */
export const authorKeyOf = (author: ReviewAuthor) => (author.kind === 'member' ? author.userId : guestAuthorKey(author.name));

export const UNNAMED_REVIEWER = 'An editor';

/** A name as the file gives it, made safe to show: no control characters, one line, bounded. */
export function cleanName(raw: string): string {
  const name = raw
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_GUEST_NAME);
  return name || UNNAMED_REVIEWER;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Names in the file → people: a member whose account email the file gives (Word's people.xml), else
 * the one member with that name, else a guest under the file's name.
 */
export function authorResolver(members: Array<{ userId: string; name: string; email: string }>): (name: string, email: string | null) => ReviewAuthor {
  const cache = new Map<string, ReviewAuthor>();
  return (rawName, email) => {
    const name = cleanName(rawName);
    const cacheKey = `${name}\u0000${email ?? ''}`;
    const known = cache.get(cacheKey);
    if (known) return known;
    const byEmail = email ? members.find((member) => member.email.toLowerCase() === email.toLowerCase()) : undefined;
    const byName = members.filter((member) => fold(member.name) === fold(name));
    const member = byEmail ?? (byName.length === 1 ? byName[0] : undefined);
    const author: ReviewAuthor = member ? { kind: 'member', userId: member.userId, name: member.name } : { kind: 'guest', name };
    cache.set(cacheKey, author);
    return author;
  };
}
