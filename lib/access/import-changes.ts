import * as Y from 'yjs';
import { withLiveRoom, LiveRoomError } from '../collab/live-room';
import { signCollabToken } from '../collab/token';
import { MAX_IMPORTED_THREADS_PER_OP, type ImportedThreadOp } from '../comments/protocol';
import { suggestionIds } from '../editor/suggestions/ids';
import { DocxReviewError } from '../import/docx-review/limits';
import { readDocxReview, type ReviewDocument } from '../import/docx-review/read';
import { ImportError, MAX_IMPORT_BYTES } from '../import';
import { applyReview, authorResolver, describeSummary, type ImportedThread, type ReviewSummary } from '../import/review';
import type { ImportedThreadRecord } from '../storage/comment-store';
import type { Storage } from '../storage/storage';
import { InvalidOperationError, NotFoundError } from './errors';
import { canWrite } from './roles';

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

const threadKey = (sceneId: string, author: string, body: string) => `${sceneId}\u0000${author}\u0000${body}`;

/** A thread as the comment protocol's `import` operation carries it. */
export const threadOp = (thread: ImportedThread): ImportedThreadOp => ({
  sceneId: thread.sceneId,
  anchor: thread.anchor,
  quote: thread.quote,
  context: thread.context,
  resolved: thread.resolved,
  messages: thread.messages.map((message) => ({ author: { name: message.author.name, ...(message.author.kind === 'member' ? { userId: message.author.userId } : {}) }, body: message.body, createdAt: message.createdAt })),
});

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
  // The same file imported twice brings its threads once: same scene, same first words, same author.
  const known = new Set((await storage.comments.listThreads(manuscriptId)).map((thread) => threadKey(thread.sceneId, thread.messages[0]?.authorName ?? '', thread.messages[0]?.body ?? '')));
  // Short-lived: the job connects at once.
  const token = await signCollabToken(access.secret, { sub: actor.id, name: actor.name, color: actor.color, mid: manuscriptId, role: found.role }, 120);
  try {
    const summary = await withLiveRoom({ url: access.collabUrl, manuscriptId, token }, async (room) => {
      const { threads, summary } = applyReview(room.doc, review, resolveAuthor, {
        nextId: suggestionIds(() => room.doc.clientID),
        origin: 'import',
        alreadyThere: (thread) => known.has(threadKey(thread.sceneId, thread.author, thread.body)),
      });
      await storeThreads(threads, async (chunk) => {
        const answer = await room.comment({ op: 'import', threads: chunk });
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

/** Sends threads in chunks the comment protocol accepts: at most so many threads, and about so many bytes. */
export async function storeThreads(threads: ImportedThread[], send: (chunk: ImportedThreadOp[]) => Promise<void>): Promise<void> {
  let chunk: ImportedThreadOp[] = [];
  let bytes = 0;
  for (const thread of threads.map(threadOp)) {
    const size = JSON.stringify(thread).length;
    if (chunk.length > 0 && (chunk.length >= MAX_IMPORTED_THREADS_PER_OP || bytes + size > CHUNK_BYTES)) {
      await send(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(thread);
    bytes += size;
  }
  if (chunk.length > 0) await send(chunk);
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
