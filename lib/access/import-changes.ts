import * as Y from 'yjs';
import { withLiveRoom, LiveRoomError } from '../collab/live-room';
import { signCollabToken } from '../collab/token';
import { MAX_IMPORTED_THREADS_PER_OP, type CommentThreadView, type ImportedRepliesOp, type ImportedThreadOp } from '../comments/protocol';
import { suggestionIds } from '../editor/suggestions/ids';
import { DocxReviewError } from '../import/docx-review/limits';
import { readDocxReview, type ReviewDocument } from '../import/docx-review/read';
import { ImportError, MAX_IMPORT_BYTES } from '../import';
import { applyReview, authorResolver, describeSummary, sameCommentKey, type ExistingThread, type ImportedReplies, type ImportedThread, type ReviewSummary } from '../import/review';
import type { ImportedThreadRecord } from '../storage/comment-store';
import type { Storage } from '../storage/storage';
import { InvalidOperationError, NotFoundError } from './errors';
import { canWrite } from '../domain/roles';

/** Who asks: the writer importing the editor's file. */
export interface ImportActor {
  id: string;
  name: string;
  color: string;
}

/** How the web process reaches the live room: the collab server's address and the secret both share. */
export interface LiveRoomAccess {
  collabUrl: string;
  secret: string;
}

export interface ImportedChanges {
  summary: ReviewSummary;
  /** The summary in one calm sentence, for the writer. */
  message: string;
}

/** Reads the editor's file; a file that is not a readable DOCX is an ImportError with the reason. */
export async function readReviewFile(file: { name: string; bytes: Uint8Array }): Promise<ReviewDocument> {
  if (!/\.docx$/i.test(file.name)) throw new ImportError('Import an editor’s changes from a .docx file (Word or LibreOffice).');
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportError('That file is larger than 20 MB.');
  try {
    return (await readDocxReview(file.bytes)).review;
  } catch (error) {
    if (error instanceof DocxReviewError) throw new ImportError(error.message);
    throw error;
  }
}

const threadKey = (sceneId: string, author: string, body: string) => `${sceneId}\u0000${sameCommentKey(author, body)}`;

/** The manuscript's threads as an import looks them up: by scene and first comment (deleted messages never travel in a DOCX). */
function existingThreads(threads: CommentThreadView[]): Map<string, ExistingThread> {
  const known = new Map<string, ExistingThread>();
  for (const thread of threads) {
    const messages = thread.messages.filter((message) => !message.deleted).map((message) => ({ author: message.authorName, body: message.body }));
    if (messages[0]) known.set(threadKey(thread.sceneId, messages[0].author, messages[0].body), { id: thread.id, messages });
  }
  return known;
}

const messageOps = (messages: ImportedThread['messages']): ImportedThreadOp['messages'] =>
  messages.map((message) => ({ author: { name: message.author.name, ...(message.author.kind === 'member' ? { userId: message.author.userId } : {}) }, body: message.body, createdAt: message.createdAt }));

/** A thread as the comment protocol's `import` operation carries it. */
export const threadOp = (thread: ImportedThread): ImportedThreadOp => ({
  sceneId: thread.sceneId,
  anchor: thread.anchor,
  quote: thread.quote,
  context: thread.context,
  resolved: thread.resolved,
  messages: messageOps(thread.messages),
});

/** Replies under an existing thread as the `import` operation carries them. */
export const repliesOp = (replies: ImportedReplies): ImportedRepliesOp => ({ threadId: replies.threadId, messages: messageOps(replies.messages) });

/**
 * "Import editor's changes": an editor's marked-up DOCX onto an existing manuscript. Only editors
 * and the owner may. The review is matched against the live text (scene by scene, word by word) and
 * written through the manuscript's live room, as the writer, so co-authors see the suggestions and
 * threads appear and everything is stored before this returns.
 */
export async function importChangesAs(storage: Storage, actor: ImportActor, manuscriptId: string, file: { name: string; bytes: Uint8Array }, access: LiveRoomAccess): Promise<ImportedChanges> {
  const found = await storage.manuscripts.getForMember(actor.id, manuscriptId);
  if (!found || !canWrite(found.role) || found.manuscript.deletedAt) throw new NotFoundError();
  if (found.manuscript.quarantinedAt) throw new InvalidOperationError('This manuscript is set aside until its stored history can be read; nothing was imported.');
  const review = await readReviewFile(file);
  const resolveAuthor = authorResolver(await storage.members.list(manuscriptId));
  // The same file imported twice (or a Review DOCX of this manuscript) brings its threads once: same scene, same first words, same author.
  const known = existingThreads(await storage.comments.listThreads(manuscriptId));
  // Short-lived: the job connects at once.
  const token = await signCollabToken(access.secret, { sub: actor.id, name: actor.name, color: actor.color, mid: manuscriptId, role: found.role }, 120);
  try {
    const summary = await withLiveRoom({ url: access.collabUrl, manuscriptId, token }, async (room) => {
      const { threads, replies, summary } = applyReview(room.doc, review, resolveAuthor, {
        nextId: suggestionIds(() => room.doc.clientID),
        origin: 'import',
        existing: (thread) => known.get(threadKey(thread.sceneId, thread.author, thread.body)),
      });
      await storeThreads({ threads, replies }, async (chunk) => {
        const answer = await room.comment({ op: 'import', ...chunk });
        if (answer.kind === 'refused') throw new InvalidOperationError(answer.message);
      });
      return summary;
    });
    return { summary, message: describeSummary(summary) };
  } catch (error) {
    if (error instanceof LiveRoomError) throw new InvalidOperationError(`${error.message} Nothing was lost; try again in a moment.`);
    throw error;
  }
}

/** About how many bytes of threads one comment frame carries (an editor's frames may be far larger; this keeps each answer quick). */
const CHUNK_BYTES = 2 * 1024 * 1024;

/** One `import` operation's load: new threads, and replies under threads the manuscript has. */
export interface ImportChunk {
  threads: ImportedThreadOp[];
  replies: ImportedRepliesOp[];
}

/** Sends threads and replies in chunks the comment protocol accepts: at most so many of each, and about so many bytes. */
export async function storeThreads(review: { threads: ImportedThread[]; replies?: ImportedReplies[] }, send: (chunk: ImportChunk) => Promise<void>): Promise<void> {
  let chunk: ImportChunk = { threads: [], replies: [] };
  let bytes = 0;
  const items = [...review.threads.map((thread) => ({ threads: threadOp(thread) })), ...(review.replies ?? []).map((replies) => ({ replies: repliesOp(replies) }))];
  for (const item of items) {
    const size = JSON.stringify(item).length;
    const list = 'threads' in item ? chunk.threads : chunk.replies;
    if (chunk.threads.length + chunk.replies.length > 0 && (list.length >= MAX_IMPORTED_THREADS_PER_OP || bytes + size > CHUNK_BYTES)) {
      await send(chunk);
      chunk = { threads: [], replies: [] };
      bytes = 0;
    }
    if ('threads' in item) chunk.threads.push(item.threads);
    else chunk.replies.push(item.replies);
    bytes += size;
  }
  if (chunk.threads.length + chunk.replies.length > 0) await send(chunk);
}

/** A thread as the comment store keeps it (guests by name, members by id). */
export const threadRecord = (thread: ImportedThread, now = Date.now()): ImportedThreadRecord => ({
  sceneId: thread.sceneId,
  anchor: thread.anchor,
  quote: thread.quote,
  context: thread.context,
  resolvedAt: thread.resolved ? now : null,
  messages: thread.messages.map((message) => ({
    authorId: message.author.kind === 'member' ? message.author.userId : null,
    guestName: message.author.kind === 'guest' ? message.author.name : null,
    body: message.body,
    createdAt: message.createdAt,
  })),
});

/**
 * For a brand-new manuscript from a DOCX: its comments and tracked changes put straight into the
 * first state of its document (nothing is live yet) and its threads returned for the store. Null
 * when the file carries no review.
 */
export function reviewIntoNewManuscript(update: Uint8Array, review: ReviewDocument | undefined, owner: { userId: string; name: string; email: string }): { update: Uint8Array; threads: ImportedThreadRecord[]; imported: ImportedChanges } | null {
  if (!review || (review.comments.length === 0 && !review.body.paragraphs.some((p) => p.mark || p.pieces.some((piece) => piece.change)))) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    const { threads, summary } = applyReview(doc, review, authorResolver([owner]), { nextId: suggestionIds(() => doc.clientID), origin: 'import' });
    return { update: Y.encodeStateAsUpdate(doc), threads: threads.map((thread) => threadRecord(thread)), imported: { summary, message: describeSummary(summary) } };
  } finally {
    doc.destroy();
  }
}
