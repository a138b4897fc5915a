/** A member who can be mentioned. */
export interface Mentionable {
  userId: string;
  name: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `@Name` as a whole mention: after a start or a space, not followed by more of a name. */
const mentionPattern = (name: string) => new RegExp(`(^|\\s)@${escape(name)}(?![\\p{L}\\p{N}_-])`, 'iu');

/** The members a body mentions, whether picked from the list or typed out as `@Full Name` (any case). */
export function resolveMentions(body: string, members: Mentionable[]): string[] {
  return members.filter((member) => member.name.trim() !== '' && mentionPattern(member.name).test(body)).map((member) => member.userId);
}

/**
 * Names typed as `@Name` or `@First Last` that are no member's: they would not be told, and could not
 * see the passage. Mentions of members (longest names first) are taken out before looking.
 */
export function unknownMentions(body: string, members: Mentionable[]): string[] {
  let rest = body;
  for (const member of [...members].sort((a, b) => b.name.length - a.name.length)) {
    rest = rest.replace(new RegExp(`(^|\\s)@${escape(member.name)}(?![\\p{L}\\p{N}_-])`, 'giu'), '$1');
  }
  const found = new Set<string>();
  for (const match of rest.matchAll(/(?:^|\s)@(\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?)/gu)) found.add(match[1]!);
  return [...found];
}

export type BodyPiece = { text: string } | { mention: Mentionable };

/** A message body split into text and mention chips, for the members it mentions (by id). */
export function splitMentions(body: string, mentioned: Mentionable[]): BodyPiece[] {
  const names = [...mentioned].sort((a, b) => b.name.length - a.name.length);
  if (names.length === 0) return [{ text: body }];
  const pattern = new RegExp(`@(${names.map((m) => escape(m.name)).join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');
  const pieces: BodyPiece[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const member = names.find((m) => m.name.toLowerCase() === match[1]!.toLowerCase())!;
    if (match.index > last) pieces.push({ text: body.slice(last, match.index) });
    pieces.push({ mention: member });
    last = match.index + match[0].length;
  }
  if (last < body.length) pieces.push({ text: body.slice(last) });
  return pieces;
}
