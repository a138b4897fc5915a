import type { Log } from '../log';
import type { RoomFeatures } from './feature';
import type { PendingLimits } from './pending-updates';

/** What a room is built from and how far it trusts a connection. */
export interface RoomOptions {
  /** What the room is built from besides sync (see features/index.ts). */
  features: RoomFeatures;
  limits?: Partial<RoomLimits>;
  log: Log;
}

export interface RoomLimits extends PendingLimits {
  /** Frames per second per connection, and the burst allowed above it. */
  framesPerSecond: number;
  frameBurst: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = { maxPendingBytes: 1024 * 1024, pendingGraceMs: 10_000, framesPerSecond: 300, frameBurst: 2000 };
