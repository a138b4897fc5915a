import type { ChangesView } from './model';
import type { CommentsChoice } from './threads';

export const EXPORT_PRESETS = ['review', 'submission'] as const;
export type ExportPreset = (typeof EXPORT_PRESETS)[number];
export const COMMENTS_CHOICES = ['open', 'all', 'none'] as const satisfies readonly CommentsChoice[];
export const CHANGES_CHOICES = ['tracked', 'accepted', 'original'] as const satisfies readonly ChangesView[];

export interface ReviewChoices {
  comments: CommentsChoice;
  changes: ChangesView;
}

/**
 * Review: a copy for an editor who works in Word (every thread as a comment, resolved ones marked
 * resolved; suggestions as tracked changes). Submission: clean (no comments, the original text).
 */
export const PRESET_CHOICES: Record<ExportPreset, ReviewChoices> = {
  review: { comments: 'all', changes: 'tracked' },
  submission: { comments: 'none', changes: 'original' },
};

/** A preset's choices with any given one in its place; Submission when no preset is named, as exports always were. */
export function reviewChoices(input: { preset?: ExportPreset; comments?: CommentsChoice; changes?: ChangesView }): ReviewChoices {
  const base = PRESET_CHOICES[input.preset ?? 'submission'];
  return { comments: input.comments ?? base.comments, changes: input.changes ?? base.changes };
}
