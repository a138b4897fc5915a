import type { CommentPlaces } from '../docx-review/body';
import type { ReviewComment } from '../docx-review/comments';

/** A Word conversation: the first comment, its replies in order, and where the first one sits. */
export interface ReviewThread {
  root: ReviewComment;
  replies: ReviewComment[];
  places: CommentPlaces;
}

const samePlace = (a: CommentPlaces, b: CommentPlaces) => {
  const key = (p: CommentPlaces) => (p.start && p.end ? `${p.start.paragraph}:${p.start.offset}-${p.end.paragraph}:${p.end.offset}` : p.reference ? `@${p.reference.paragraph}:${p.reference.offset}` : null);
  const ka = key(a);
  return ka !== null && ka === key(b);
};

/**
 * Threads from Word's replies (`parentId`, from commentsExtended.xml). A file without that part
 * (LibreOffice writes none) keeps a reply as a comment on exactly the same words: those are one
 * conversation, oldest first.
 */
export function reviewThreads(comments: ReviewComment[], places: Map<string, CommentPlaces>, options: { explicitReplies: boolean }): ReviewThread[] {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const threads: ReviewThread[] = [];
  const start = (comment: ReviewComment) => {
    const thread: ReviewThread = { root: comment, replies: [], places: places.get(comment.id) ?? {} };
    threads.push(thread);
    return thread;
  };
  if (options.explicitReplies) {
    const rootOf = (comment: ReviewComment): ReviewComment => {
      let root = comment;
      // Cycles were broken when the comments were read; the bound is belt and braces.
      for (let hops = 0; root.parentId && byId.has(root.parentId) && hops < comments.length; hops++) root = byId.get(root.parentId)!;
      return root;
    };
    const threadOf = new Map<ReviewComment, ReviewThread>();
    for (const comment of comments) if (rootOf(comment) === comment) threadOf.set(comment, start(comment));
    for (const comment of comments) if (rootOf(comment) !== comment) threadOf.get(rootOf(comment))!.replies.push(comment);
    for (const thread of threads) thread.replies.sort((a, b) => (a.date ?? 0) - (b.date ?? 0));
    return threads;
  }
  for (const comment of [...comments].sort((a, b) => (a.date ?? 0) - (b.date ?? 0))) {
    const where = places.get(comment.id) ?? {};
    const thread = threads.find((candidate) => samePlace(candidate.places, where));
    if (thread) thread.replies.push(comment);
    else start(comment);
  }
  return threads;
}
