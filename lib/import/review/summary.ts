import type { ReviewAuthor } from './authors';

/** What an import placed and what it could not, by author, for the writer to read. */
export interface ReviewSummary {
  /** Word comments (replies included) that became messages in threads on their words. */
  commentsPlaced: number;
  /** Tracked changes that became suggestions (a replacement is one). */
  changesPlaced: number;
  /** Changes the manuscript already had (the same suggestion, or the writer had made the change). */
  changesAlreadyThere: number;
  /** Threads the manuscript already had (the same file imported before). */
  commentsAlreadyThere: number;
  /** Formatting changes, which cannot be suggested and were left out. */
  formattingChanges: number;
  byAuthor: Array<{ name: string; guest: boolean; comments: number; changes: number }>;
  unplaced: Array<{ kind: 'comment' | 'change'; author: string; what: string; reason: string }>;
}

export function emptySummary(): ReviewSummary {
  return { commentsPlaced: 0, changesPlaced: 0, changesAlreadyThere: 0, commentsAlreadyThere: 0, formattingChanges: 0, byAuthor: [], unplaced: [] };
}

/** Counts one placed comment or change for its author. */
export function countFor(summary: ReviewSummary, author: ReviewAuthor, what: 'comments' | 'changes'): void {
  let entry = summary.byAuthor.find((each) => each.name === author.name && each.guest === (author.kind === 'guest'));
  if (!entry) summary.byAuthor.push((entry = { name: author.name, guest: author.kind === 'guest', comments: 0, changes: 0 }));
  entry[what] += 1;
  if (what === 'comments') summary.commentsPlaced += 1;
  else summary.changesPlaced += 1;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What was placed, and what was already there or left out: "5 comments and 3 changes from Maria Rossi placed". */
export function describePlaced(summary: ReviewSummary): string {
  const parts: string[] = [];
  const authors = summary.byAuthor.filter((each) => each.comments + each.changes > 0);
  const repeated = summary.changesAlreadyThere + summary.commentsAlreadyThere > 0;
  if (authors.length === 0) parts.push(summary.unplaced.length > 0 ? 'Nothing could be placed' : repeated ? 'Nothing new to place' : 'The file had no comments or tracked changes');
  else {
    const what = (each: { comments: number; changes: number }) => [each.comments ? plural(each.comments, 'comment') : '', each.changes ? plural(each.changes, 'change') : ''].filter(Boolean).join(' and ');
    parts.push(`${authors.map((each) => `${what(each)} from ${each.name}`).join(', ')} placed`);
  }
  if (summary.changesAlreadyThere > 0) parts.push(`${plural(summary.changesAlreadyThere, 'change was', 'changes were')} already in the manuscript`);
  if (summary.commentsAlreadyThere > 0) parts.push(`${plural(summary.commentsAlreadyThere, 'comment was', 'comments were')} already there`);
  if (summary.formattingChanges > 0) parts.push(`${plural(summary.formattingChanges, 'formatting change')} left out (formatting can’t be suggested)`);
  return parts.join('; ');
}

/**
 * The calm sentence the writer reads: "12 comments and 7 changes from Maria placed; 1 comment could
 * not be placed: “Lovely image.” (Maria Rossi): its words are no longer in the manuscript."
 */
export function describeSummary(summary: ReviewSummary): string {
  let sentence = describePlaced(summary);
  const comments = summary.unplaced.filter((each) => each.kind === 'comment').length;
  const changes = summary.unplaced.length - comments;
  if (summary.unplaced.length > 0) {
    const counted = listNames([comments ? plural(comments, 'comment') : '', changes ? plural(changes, 'change') : ''].filter(Boolean));
    sentence += `; ${counted} could not be placed: ${summary.unplaced.map((each) => `${each.what} (${each.author}): ${each.reason}`).join('; ')}`;
  }
  return `${sentence}.`;
}
