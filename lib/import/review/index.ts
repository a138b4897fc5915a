import type * as Y from 'yjs';
import { readBinder } from '../../manuscript/binder';
import type { ReviewComment } from '../docx-review/comments';
import type { ReviewDocument } from '../docx-review/read';
import { applyPlacement, sceneTexts, type AnchoredThread } from './apply';
import { authorKeyOf, type ReviewAuthor } from './authors';
import { placeReview } from './place';
import { reviewSections } from './sections';
import { countFor, emptySummary, type ReviewSummary } from './summary';
import { reviewThreads } from './threads';

export type { ReviewAuthor } from './authors';
export { authorResolver } from './authors';
export { describeSummary, type ReviewSummary } from './summary';

/** A comment thread ready to store: where it is, and its messages with their authors and dates. */
export interface ImportedThread {
  sceneId: string;
  anchor: AnchoredThread['anchor'];
  quote: string;
  context: AnchoredThread['context'];
  resolved: boolean;
  messages: Array<{ author: ReviewAuthor; body: string; createdAt: number }>;
}

/** A thread the manuscript already has (the same file, or a Review DOCX of it, imported again): its id and who said what in it. */
export interface ExistingThread {
  id: string;
  messages: Array<{ author: string; body: string }>;
}

/** Replies the editor added in Word under a thread the manuscript already has. */
export interface ImportedReplies {
  threadId: string;
  messages: ImportedThread['messages'];
}

export interface ReviewInto {
  threads: ImportedThread[];
  replies: ImportedReplies[];
  summary: ReviewSummary;
}

/** The same comment whatever the file did to its spacing: author and words. */
export const sameCommentKey = (author: string, body: string) => `${author}\u0000${body.replace(/\s+/g, ' ').trim()}`;

const NO_TEXT = '(a comment without text)';
/** Messages one thread may hold (the comment protocol's bound); later replies are listed instead. */
const MAX_MESSAGES = 500;

/**
 * Puts an editor's review into a manuscript's Y.Doc: tracked changes as suggestions (one transaction),
 * comments as threads anchored on their words (returned, for the comment store). Matching is against
 * the text as it is now, scene by scene and word by word.
 */
export function applyReview(
  doc: Y.Doc,
  review: ReviewDocument,
  resolveAuthor: (name: string, email: string | null) => ReviewAuthor,
  options: {
    nextId: () => string;
    now?: number;
    origin?: unknown;
    /**
     * The thread the manuscript already has with this first comment in this scene (this file, or a
     * Review DOCX of the manuscript, imported before): it is not made twice; replies the editor added
     * under it in Word are added to it.
     */
    existing?: (thread: { sceneId: string; author: string; body: string }) => ExistingThread | undefined;
  },
): ReviewInto {
  const now = options.now ?? Date.now();
  const sections = reviewSections(review.body);
  const threads = reviewThreads(review.comments, review.body.comments, { explicitReplies: review.explicitReplies });
  const scenes = sceneTexts(
    doc,
    readBinder(doc).scenes.map((scene) => scene.id),
  );
  const placement = placeReview(sections, threads, scenes);
  const authorOfChange = (change: { author: string }) => resolveAuthor(change.author, null);
  const anchored = applyPlacement(doc, placement, { authorKey: (change) => authorKeyOf(authorOfChange(change)), nextId: options.nextId, now, origin: options.origin });

  const summary = emptySummary();
  summary.formattingChanges = review.body.formattingChanges;
  summary.changesAlreadyThere = placement.alreadyThere;
  const groups = new Set<number>();
  for (const plan of placement.scenes) {
    for (const change of [...plan.insertions, ...plan.deletions, ...plan.breaks]) {
      const group = placement.group.get(change.key) ?? change.key;
      if (groups.has(group)) continue;
      groups.add(group);
      countFor(summary, authorOfChange(change.change), 'changes');
    }
  }
  /** Comments as messages of a thread that has `room` places left; the rest are listed. */
  const messagesOf = (comments: ReviewComment[], room: number) => {
    for (const extra of comments.slice(room)) {
      summary.unplaced.push({ kind: 'comment', author: resolveAuthor(extra.author, extra.email).name, what: `“${extra.text.slice(0, 79)}”`, reason: `its thread already has ${MAX_MESSAGES} replies` });
    }
    return comments.slice(0, Math.max(0, room)).map((comment) => {
      const author = resolveAuthor(comment.author, comment.email);
      countFor(summary, author, 'comments');
      return { author, body: comment.text || NO_TEXT, createdAt: Math.min(comment.date ?? now, now) };
    });
  };
  const replies: ImportedReplies[] = [];
  const fresh = anchored.filter(({ thread, sceneId }) => {
    const found = options.existing?.({ sceneId, author: resolveAuthor(thread.root.author, thread.root.email).name, body: thread.root.text || NO_TEXT });
    if (!found) return true;
    summary.commentsAlreadyThere += 1;
    // The editor's answers under a thread the writers began: added to it, each once.
    const said = new Set(found.messages.map((message) => sameCommentKey(message.author, message.body)));
    const added = thread.replies.filter((reply) => !said.has(sameCommentKey(resolveAuthor(reply.author, reply.email).name, reply.text || NO_TEXT)));
    if (added.length > 0) replies.push({ threadId: found.id, messages: messagesOf(added, MAX_MESSAGES - found.messages.length) });
    return false;
  });
  const importedThreads = fresh.map(({ thread, sceneId, anchor, quote, context }): ImportedThread => ({
    sceneId,
    anchor,
    quote,
    context,
    resolved: thread.root.done,
    messages: messagesOf([thread.root, ...thread.replies], MAX_MESSAGES),
  }));
  const placedThreads = new Set(anchored.map((each) => each.thread));
  for (const plan of placement.scenes) {
    for (const placed of plan.threads) {
      // Placed on a span that came out empty (rare): listed, never dropped.
      if (!placedThreads.has(placed.thread)) placement.unplaced.push({ kind: 'comment', thread: placed.thread, reason: 'its words are no longer in the manuscript' });
    }
  }
  for (const missing of placement.unplaced) {
    if (missing.kind === 'comment') {
      const comment = missing.thread.root;
      const replies = missing.thread.replies.length;
      const text = comment.text.replace(/\s+/g, ' ').trim();
      summary.unplaced.push({
        kind: 'comment',
        author: resolveAuthor(comment.author, comment.email).name,
        what: `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”${replies ? ` with ${replies} ${replies === 1 ? 'reply' : 'replies'}` : ''}`,
        reason: missing.reason,
      });
    } else summary.unplaced.push({ kind: 'change', author: authorOfChange(missing.change).name, what: missing.what, reason: missing.reason });
  }
  return { threads: importedThreads, replies: replies.filter((each) => each.messages.length > 0), summary };
}
