import type { RoomContext, RoomFeature } from '../feature';

/** Folds the stored log into one snapshot row every `everyUpdates` stored updates, and when the room unloads. */
export function compaction(room: RoomContext, { everyUpdates }: { everyUpdates: number }): RoomFeature {
  let appendsSinceFold = 0;
  let folding = false;

  const fold = () =>
    room.enqueue(async () => {
      if (appendsSinceFold === 0) return;
      folding = true;
      const folded = appendsSinceFold;
      try {
        await room.stored();
        await room.storage.documents.compact(room.manuscriptId);
        appendsSinceFold -= folded;
      } finally {
        folding = false;
      }
    });

  return {
    afterStore() {
      appendsSinceFold += 1;
      if (appendsSinceFold >= everyUpdates && !folding) void fold();
    },
    beforeUnload: fold,
  };
}
