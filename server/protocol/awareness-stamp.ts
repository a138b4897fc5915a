import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

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
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (!mayWrite(clientId)) continue;
    const state: unknown = JSON.parse(json);
    const stamped = state === null || typeof state !== 'object' ? null : { ...(state as object), user: { ...(user.id ? { id: user.id } : {}), name: user.name, color: user.color } };
    entries.push({ clientId, clock, state: JSON.stringify(stamped) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: entries.map((entry) => entry.clientId) };
}
