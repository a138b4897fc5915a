import type { RoomFeature } from '../feature';

/** Counts every update a room stores (for metrics). */
export function updateMetrics(onUpdate: () => void): RoomFeature {
  return { afterStore: () => onUpdate() };
}
