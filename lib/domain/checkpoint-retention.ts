const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Which automatic checkpoints to keep, thinning them as they age so storage stays bounded:
 * all from the last day, one an hour for a week, one a day for ninety days, one a week after.
 * Named drafts are never thinned. Returns the ids to delete.
 */
export function checkpointsToDrop(checkpoints: { id: string; createdAt: Date }[], now = Date.now()): string[] {
  const bucketOf = (age: number, at: number): string | null => {
    if (age < DAY) return null;
    if (age < 7 * DAY) return `h${Math.floor(at / HOUR)}`;
    if (age < 90 * DAY) return `d${Math.floor(at / DAY)}`;
    return `w${Math.floor(at / (7 * DAY))}`;
  };
  const kept = new Set<string>();
  const drop: string[] = [];
  // Newest first, so each bucket keeps its latest checkpoint.
  for (const checkpoint of [...checkpoints].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())) {
    const bucket = bucketOf(now - checkpoint.createdAt.getTime(), checkpoint.createdAt.getTime());
    if (bucket === null) continue;
    if (kept.has(bucket)) drop.push(checkpoint.id);
    else kept.add(bucket);
  }
  return drop;
}
