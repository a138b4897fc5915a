import { checkpointsToDrop } from '../../domain/checkpoint-retention';

/** An automatic checkpoint about to be stored: the folded state of what was stored when it was taken. */
export interface NewCheckpoint {
  manuscriptId: string;
  name: string;
  /** Who changed the text since the checkpoint before. */
  changedBy: string[];
  state: Uint8Array;
  wordCount: number;
}

type MaybePromise<T> = T | Promise<T>;

/** What an engine gives storeCheckpoint: its own statements, inside its own transaction if it has one. */
export interface CheckpointRows {
  insert(checkpoint: NewCheckpoint): MaybePromise<void>;
  /** Every automatic checkpoint of the manuscript (named drafts are never thinned). */
  listCheckpoints(manuscriptId: string): MaybePromise<{ id: string; createdAt: Date }[]>;
  delete(manuscriptId: string, ids: string[]): MaybePromise<void>;
}

/** Stores a checkpoint and thins the older ones: the one place every engine applies the retention rule. */
export async function storeCheckpoint(rows: CheckpointRows, checkpoint: NewCheckpoint): Promise<void> {
  await rows.insert(checkpoint);
  const drop = checkpointsToDrop(await rows.listCheckpoints(checkpoint.manuscriptId));
  if (drop.length > 0) await rows.delete(checkpoint.manuscriptId, drop);
}
