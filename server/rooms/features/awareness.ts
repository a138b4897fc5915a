import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../../lib/collab/close-codes';
import { encodeAwareness } from '../../../lib/collab/protocol';
import { isRemoval, readAwarenessEntries } from '../../protocol/awareness-entries';
import { stampAwarenessUpdate } from '../../protocol/awareness-stamp';
import { ClientFault, type Member, type RemoteOrigin, type RoomContext, type RoomFeature } from '../feature';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * Carets and presence: each connection's awareness states, stamped with who it really is, relayed
 * to the room and the other instances, and removed when it (or its instance) goes.
 */
export function awareness(room: RoomContext): RoomFeature {
  const { awareness } = room;
  /** Awareness client ids each connection announced, removed when it leaves. */
  const local = new Map<Member, Set<number>>();
  /** Awareness client ids announced through each other collab instance, dropped if it dies. */
  const remote = new Map<string, Set<number>>();
  const everything = () => encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]));

  const relay = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    const ids = local.get(origin as Member);
    if (ids) for (const id of removed) ids.delete(id);
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]);
    room.broadcast(encodeAwareness(update));
    if (!(origin as RemoteOrigin | null)?.remote) room.fanOut({ kind: 'awareness', update });
  };
  awareness.on('update', relay);

  const apply = (member: Member, update: Uint8Array) => {
    const ownedElsewhere = new Set<number>();
    for (const [other, ids] of local) if (other !== member) for (const id of ids) ownedElsewhere.add(id);
    let stamped: ReturnType<typeof stampAwarenessUpdate>;
    try {
      stamped = stampAwarenessUpdate(update, member.identity.user, (id) => !ownedElsewhere.has(id));
    } catch (error) {
      throw new ClientFault(CloseCode.InvalidMessage, `bad awareness update: ${(error as Error).message}`);
    }
    const ids = local.get(member);
    for (const id of stamped.clientIds) ids?.add(id);
    awarenessProtocol.applyAwarenessUpdate(awareness, stamped.update, member);
  };

  return {
    messages: {
      awareness: (member, message) => apply(member, message.update),
      'query-awareness': (member) => room.send(member, everything()),
    },
    onJoin(member) {
      local.set(member, new Set());
      if (awareness.getStates().size > 0) room.send(member, everything());
    },
    onLeave(member) {
      const ids = local.get(member);
      local.delete(member);
      if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(awareness, [...ids], null);
    },
    onRemote(message, from) {
      switch (message.kind) {
        case 'awareness': {
          let ids = remote.get(from);
          if (!ids) remote.set(from, (ids = new Set()));
          for (const entry of readAwarenessEntries(message.update)) {
            if (isRemoval(entry)) ids.delete(entry.clientId);
            else ids.add(entry.clientId);
          }
          awarenessProtocol.applyAwarenessUpdate(awareness, message.update, { remote: from } satisfies RemoteOrigin);
          return;
        }
        case 'awareness-query': {
          const states = awareness.getStates();
          const held = [...local.values()].flatMap((ids) => [...ids].filter((id) => states.has(id)));
          if (held.length > 0) room.fanOut({ kind: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(awareness, held) });
          return;
        }
        case 'peer-gone': {
          const ids = remote.get(from);
          remote.delete(from);
          if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(awareness, [...ids], { remote: from } satisfies RemoteOrigin);
          return;
        }
      }
    },
    dispose: () => awareness.off('update', relay),
  };
}
