import * as encoding from 'lib0/encoding';
import { readAwarenessEntries } from './awareness-entries';

/**
 * Rewrites an awareness update so every state carries the authenticated user's id, name and colour
 * (the id lets co-authors name the writer of a suggestion who joined after their page loaded),
 * and drops entries for client ids that belong to another connection: nobody can appear as
 * someone else. Throws on malformed bytes.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  user: { id?: string; name: string; color: string },
  mayWrite: (clientId: number) => boolean,
): { update: Uint8Array; clientIds: number[] } {
  const entries = readAwarenessEntries(update).filter((entry) => mayWrite(entry.clientId));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    const parsed: unknown = JSON.parse(state);
    const stamped = parsed === null || typeof parsed !== 'object' ? null : { ...(parsed as object), user: { ...(user.id ? { id: user.id } : {}), name: user.name, color: user.color } };
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(stamped));
  }
  return { update: encoding.toUint8Array(encoder), clientIds: entries.map((entry) => entry.clientId) };
}
