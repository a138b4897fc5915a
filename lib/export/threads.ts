import { getSchema } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { locatePassage, resolveAnchorPositions, type ProsemirrorMapping, type Range } from '../comments/anchor';
import type { CommentThreadView } from '../comments/protocol';
import { manuscriptExtensions } from '../editor/extensions';
import { guestNameOf } from '../editor/suggestions/guests';
import type { SuggestionAttrs } from '../editor/suggestions/marks';

/**
 * Comment threads and suggestions as a Review DOCX carries them: pure functions from a scene's
 * Y.XmlFragment, its threads and the writers' names to the export model's annotations.
 */

/** A pending suggestion written as a Word tracked change: what it does, who proposed it, when. */
export interface Revision {
  kind: 'insertion' | 'deletion';
  author: string;
  date: Date;
}

/** One comment or reply as Word shows it. */
export interface ExportComment {
  author: string;
  initials: string;
  date: Date;
  text: string;
}

/** A thread in the export: its first comment and the replies after it, in order. */
export interface ExportThread {
  /** Its number in `ExportManuscript.threads`, which runs name in `opens`, `closes` and `pins`. */
  key: number;
  resolved: boolean;
  /** Set when the passage is no longer in the exported text: the thread is pinned to its scene's start with these words. */
  detachedQuote?: string;
  comments: ExportComment[];
}

/** Which threads travel: the open ones, all (resolved ones marked resolved), or none. */
export type CommentsChoice = 'open' | 'all' | 'none';

/** "Ada Lovelace" → "AL": what Word shows in a comment's balloon. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 3)
    .map((word) => [...word][0]!.toUpperCase())
    .join('');
}

/** A suggestion mark's attributes as a Word revision; `nameOf` turns a member's id into their name (a guest's key carries it). */
export function revisionOf(kind: Revision['kind'], attrs: Partial<SuggestionAttrs> | null | undefined, nameOf: (userId: string | null) => string): Revision {
  const author = attrs?.author ?? null;
  return { kind, author: guestNameOf(author) ?? nameOf(author), date: new Date(typeof attrs?.time === 'number' ? attrs.time : 0) };
}

/** The threads a choice includes, without deleted messages; a thread with none left is left out. */
export function threadsToExport(threads: CommentThreadView[], choice: CommentsChoice): CommentThreadView[] {
  if (choice === 'none') return [];
  return threads
    .filter((thread) => choice === 'all' || thread.resolvedAt === null)
    .map((thread) => ({ ...thread, messages: thread.messages.filter((message) => !message.deleted && message.body.trim() !== '') }))
    .filter((thread) => thread.messages.length > 0);
}

export function exportThreadOf(thread: CommentThreadView, key: number, detachedQuote?: string): ExportThread {
  return {
    key,
    resolved: thread.resolvedAt !== null,
    ...(detachedQuote !== undefined ? { detachedQuote } : {}),
    comments: thread.messages.map((message) => {
      const author = message.authorName.trim() || 'Unknown';
      return { author, initials: initialsOf(author), date: new Date(message.createdAt), text: message.body };
    }),
  };
}

let schema: Schema | null = null;
const manuscriptSchema = () => (schema ??= getSchema(manuscriptExtensions()));

/** A thread and where its passage is in the scene's ProseMirror document now (null: its words are gone). */
export interface LocatedThread {
  thread: CommentThreadView;
  range: Range | null;
}

/**
 * The scene as ProseMirror sees it, and each thread's passage in it: by its relative positions while
 * they still lead to its words, else by its quote and context (as the editor re-finds it).
 */
export function locateThreads(fragment: Y.XmlFragment, threads: CommentThreadView[]): { doc: PMNode; located: LocatedThread[] } {
  const { doc, mapping } = initProseMirrorDoc(fragment, manuscriptSchema());
  const located = threads.map((thread) => {
    const byPositions = resolveAnchorPositions(fragment.doc!, fragment, mapping as ProsemirrorMapping, thread.anchor);
    const found = locatePassage(doc, byPositions, thread);
    const range = found && doc.textBetween(found.from, found.to, ' ').trim() !== '' ? { from: found.from, to: found.to } : null;
    return { thread, range };
  });
  return { doc, located };
}

/** A text run of the model as this module marks it (structurally the model's text run). */
export interface MarkableRun {
  text: string;
  opens?: number[];
  closes?: number[];
  pins?: number[];
}

/**
 * Places a scene's threads on the runs read from it (in reading order; `spanOf` gives the document
 * range each run was read from): a thread covers exactly the runs inside its passage, so its first
 * run opens it and its last closes it, across paragraphs and around other threads. A thread none of
 * whose words are in the export (deleted, or only in a suggestion left out) is pinned before the
 * scene's first run with its quote, so its conversation is never silently lost; `pending` carries
 * pins from earlier scenes that had no text.
 */
export function placeSceneThreads(
  runs: MarkableRun[],
  spanOf: (run: MarkableRun) => Range | undefined,
  located: LocatedThread[],
  out: ExportThread[],
  pending: number[],
): void {
  const ranged: Array<{ thread: CommentThreadView; first: number; last: number }> = [];
  const detached: CommentThreadView[] = [];
  for (const { thread, range } of located) {
    let first = -1;
    let last = -1;
    if (range) {
      runs.forEach((run, index) => {
        const span = spanOf(run);
        if (span && span.from >= range.from && span.to <= range.to) {
          if (first < 0) first = index;
          last = index;
        }
      });
    }
    if (first >= 0) ranged.push({ thread, first, last });
    else detached.push(thread);
  }
  for (const thread of detached) {
    pending.push(out.length);
    out.push(exportThreadOf(thread, out.length, thread.quote));
  }
  ranged.sort((a, b) => a.first - b.first || b.last - a.last);
  for (const { thread, first, last } of ranged) {
    const key = out.length;
    out.push(exportThreadOf(thread, key));
    (runs[first]!.opens ??= []).push(key);
    (runs[last]!.closes ??= []).push(key);
  }
  if (pending.length > 0 && runs[0]) {
    (runs[0].pins ??= []).push(...pending.splice(0));
  }
}
