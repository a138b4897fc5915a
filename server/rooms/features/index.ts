import type { CommentService } from '../../comments/comment-service';
import type { RoomFeature, RoomFeatures } from '../feature';
import { awareness } from './awareness';
import { checkpoints } from './checkpoints';
import { comments } from './comments';
import { compaction } from './compaction';
import { draftRestore, type DraftRestoreOptions } from './draft-restore';
import { fanout } from './fanout';
import { updateMetrics } from './update-metrics';
import { writeGuard } from './write-guard';

export type { DraftRestored } from './draft-restore';

/** How the composition root configures the features; the ones whose option is absent are left out. */
export interface RoomFeatureOptions {
  /** Stored updates after which the log is folded into one snapshot row. */
  compactEveryUpdates: number;
  /** While people write, an automatic checkpoint is kept at most this often. */
  checkpointIntervalMs: number;
  /** Comment threads, stored and authorised per operation; absent in tests that need none. */
  comments?: CommentService;
  onDraftRestored?: DraftRestoreOptions['onRestored'];
  /** Loads the draft-restore code (tests make it fail); lazily by default. */
  loadRestore?: DraftRestoreOptions['loadRestore'];
  /** Called for every update a room stores (for metrics). */
  onUpdate?: () => void;
}

/**
 * Everything a room is besides sync, in the order their hooks run. A new feature is one file in
 * this folder and one line here; it reaches its room only through `RoomContext` (../feature.ts).
 */
export function roomFeatures(options: RoomFeatureOptions): RoomFeatures {
  return (room) => {
    const kept = checkpoints(room, { intervalMs: options.checkpointIntervalMs });
    const list: (RoomFeature | false | undefined)[] = [
      writeGuard(room), // first: nothing else sees an update the writer may not make
      awareness(room),
      options.comments && comments(room, options.comments),
      draftRestore(room, { checkpoint: kept.keep, onRestored: options.onDraftRestored, loadRestore: options.loadRestore }),
      kept, // before compaction, so an unloading room keeps its checkpoint before folding the log
      compaction(room, { everyUpdates: options.compactEveryUpdates }),
      options.onUpdate && updateMetrics(options.onUpdate),
      room.clustered && fanout(room),
    ];
    return list.filter((feature): feature is RoomFeature => !!feature);
  };
}
