/** What a co-author's tab shares over awareness, untrusted: every field is checked before use. */
type PeerState = { user?: { name?: unknown; color?: unknown } } & Record<string, unknown>;

/**
 * Everyone but this client, grouped by the string value of one awareness field (the scene they are
 * in, the thread they type in); `pick` keeps well-formed users, and a person in two tabs counts once.
 */
export function groupOthersBy<T extends { name: string }>(
  states: Map<number, Record<string, unknown>>,
  selfId: number,
  field: string,
  pick: (user: NonNullable<PeerState['user']>) => T | null,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const [clientId, state] of states) {
    if (clientId === selfId) continue;
    const { user, [field]: value } = state as PeerState;
    const person = user ? pick(user) : null;
    if (typeof value !== 'string' || !person) continue;
    const here = groups.get(value) ?? [];
    if (!here.some((other) => other.name === person.name)) here.push(person);
    groups.set(value, here);
  }
  return groups;
}
