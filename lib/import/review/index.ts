import type * as Y from 'yjs';
import { readBinder } from '../../manuscript/binder';
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

export interface ReviewInto {
  threads: ImportedThread[];
  summary: ReviewSummary;
}

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
    /** True for a thread the manuscript already has (this file was imported before): it is left out and counted. */
    alreadyThere?: (thread: { sceneId: string; author: string; body: string }) => boolean;
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
  const fresh = anchored.filter(({ thread, sceneId }) => {
    const repeated = options.alreadyThere?.({ sceneId, author: resolveAuthor(thread.root.author, thread.root.email).name, body: thread.root.text || NO_TEXT }) ?? false;
    if (repeated) summary.commentsAlreadyThere += 1;
    return !repeated;
  });
  const importedThreads = fresh.map(({ thread, sceneId, anchor, quote, context }): ImportedThread => {
    const all = [thread.root, ...thread.replies];
    for (const extra of all.slice(MAX_MESSAGES)) {
      summary.unplaced.push({ kind: 'comment', author: resolveAuthor(extra.author, extra.email).name, what: `“${extra.text.slice(0, 79)}”`, reason: `its thread already has ${MAX_MESSAGES} replies` });
    }
    const messages = all.slice(0, MAX_MESSAGES).map((comment) => {
      const author = resolveAuthor(comment.author, comment.email);
      countFor(summary, author, 'comments');
      return { author, body: comment.text || NO_TEXT, createdAt: Math.min(comment.date ?? now, now) };
    });
    return { sceneId, anchor, quote, context, resolved: thread.root.done, messages };
  });
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
  return { threads: importedThreads, summary };
}
