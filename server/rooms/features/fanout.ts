import type { RoomContext, RoomFeature } from '../feature';

/**
 * The room across collab instances: an update is published once it is stored, so no instance holds
 * words the store lacks; what other instances publish (updates, room-wide frames) is applied and
 * relayed here; after a gap the room re-reads the store and relays what it had missed.
 */
export function fanout(room: RoomContext): RoomFeature {
  return {
    afterStore(_editor, update, stored) {
      stored.then(() => room.fanOut({ kind: 'update', update }), () => {});
    },
    onRemote(message, from) {
      switch (message.kind) {
        case 'update':
          return room.applyStored(message.update, { remote: from });
        case 'broadcast':
          return room.broadcast(message.frame);
        case 'resync':
          for (const row of message.rows) {
            try {
              room.applyStored(row.bytes, { remote: from });
            } catch (error) {
              room.log(`resync skipped a row: ${(error as Error).message}`, { level: 'warn' });
            }
          }
          return;
      }
    },
  };
}
