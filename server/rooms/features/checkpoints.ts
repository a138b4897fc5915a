import type { RoomContext, RoomFeature } from '../feature';

export interface Checkpoints extends RoomFeature {
  /** Keeps a checkpoint of the stored state now, naming who wrote since the last one. */
  keep(name: string): Promise<void>;
}

/** While people write, an automatic checkpoint at most every `intervalMs`, and one when the room unloads if anyone wrote. */
export function checkpoints(room: RoomContext, { intervalMs }: { intervalMs: number }): Checkpoints {
  /** Who changed the text since the last checkpoint, by name. */
  const changedBy = new Set<string>();
  let lastAt = Date.now();

  const keep = async (name: string) => {
    const names = [...changedBy];
    changedBy.clear();
    lastAt = Date.now();
    await room.stored();
    try {
      await room.storage.documents.saveCheckpoint(room.manuscriptId, { name, changedBy: names });
    } catch (error) {
      for (const who of names) changedBy.add(who);
      throw error;
    }
  };
  const keepIfWritten = () =>
    room.enqueue(async () => {
      if (changedBy.size > 0) await keep('Automatic checkpoint');
    });

  return {
    keep,
    afterStore(editor) {
      changedBy.add(editor.identity.user.name);
      if (Date.now() - lastAt < intervalMs) return;
      lastAt = Date.now();
      void keepIfWritten();
    },
    beforeUnload: keepIfWritten,
  };
}
