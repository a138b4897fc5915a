import type { RestoreResult } from '@/lib/collab/protocol';

/** Who restored which draft, for the banner a co-author sees. */
export interface RestoredByOther {
  restoredBy: string;
  draftName: string;
}

/**
 * How a restore's outcome reaches this writer: a co-author's restore (it names who restored) gets
 * its own calm banner; this writer's own gets the ordinary notice.
 */
export function restoreShownAs(result: RestoreResult): { kind: 'banner'; restored: RestoredByOther } | { kind: 'notice'; message: string } {
  if (result.restoredBy) return { kind: 'banner', restored: { restoredBy: result.restoredBy, draftName: result.draftName ?? 'a draft' } };
  return { kind: 'notice', message: result.message };
}

/** The question asked before a restore: everyone sees it at once, and nothing is lost. */
export const confirmRestoreText = (name: string) =>
  `Restore “${name}”? Everyone sees it at once. The current text is kept as a checkpoint, so you can restore it again.`;

export const OFFLINE_RESTORE_MESSAGE = 'You are offline: restoring needs a connection.';
