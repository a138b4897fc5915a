import * as Y from 'yjs';
import { signCollabToken } from '../collab/token';
import { CorruptUpdateError } from '../collab/replay';
import { compareManuscripts } from '../drafts/compare';
import { exportFileName, exportManuscript, CONTENT_TYPES, type ExportRequest, type ReviewMaterial } from '../export';
import { guestNameOf } from '../editor/suggestions/guests';
import { suggestionAuthors } from '../export/suggestion-authors';
import { withDefaultAuthor } from '../export/title-page';
import { importManuscript } from '../import';
import { reviewIntoNewManuscript } from './import-changes';
import { encodeNewManuscript } from '../manuscript/binder';
import { loadManuscriptDoc } from '../manuscript/load-document';
import { countManuscriptWords } from '../manuscript/word-count';
import { inboxFromEnv } from '../notifications/delivery';
import type { Inbox } from '../notifications/inbox';
import { manuscriptSettingsOf, type Manuscript, type ManuscriptSettings, type Member, type User } from '../storage/records';
import type { Storage } from '../storage/storage';
import { InvalidOperationError, NotFoundError, UnreadableDocumentError } from './errors';
import { hasAtLeast, type Role, type ShareableRole } from '../domain/roles';

/**
 * Every operation on a manuscript, each authorising its actor itself. Route handlers, server
 * actions and the CLI call these and nothing lower, so no entry point can skip a check.
 */
export type Actor = Pick<User, 'id' | 'name' | 'color'>;

/**
 * The manuscript and the actor's role, if they hold at least `minRole` on it; otherwise
 * NotFoundError, the same for unknown, trashed and forbidden manuscripts.
 */
export async function getManuscriptOrThrow(storage: Storage, userId: string, manuscriptId: string, minRole: Role, options: { includeTrashed?: boolean } = {}) {
  const row = await storage.manuscripts.getForMember(userId, manuscriptId);
  if (!row || !hasAtLeast(row.role, minRole)) throw new NotFoundError();
  if (row.manuscript.deletedAt && !options.includeTrashed) throw new NotFoundError();
  return row;
}

export function createManuscriptAs(storage: Storage, actor: Actor, input: { title: string }) {
  return storage.manuscripts.create({ title: input.title, ownerId: actor.id, initialUpdate: encodeNewManuscript() });
}

/**
 * Any member may export: the current text (or a saved draft), read from storage, in the chosen
 * format. A Review DOCX also carries the comment threads and names who suggested what.
 */
export async function exportManuscriptAs(storage: Storage, actor: Actor, manuscriptId: string, request: ExportRequest & { draftId?: string }) {
  const { manuscript } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  const { doc, savedAt } = request.draftId ? await loadDraft(storage, manuscriptId, request.draftId) : { doc: await currentDoc(storage, manuscript), savedAt: null };
  try {
    const members = await storage.members.list(manuscriptId);
    const owner = members.find((member) => member.role === 'owner');
    const material = request.format === 'docx' ? await reviewMaterialOf(storage, manuscriptId, doc, members, request, savedAt) : undefined;
    const bytes = await exportManuscript(doc, withDefaultAuthor(manuscriptSettingsOf(manuscript), owner?.name), request, material);
    return { bytes, fileName: exportFileName(manuscript.title, request.format), contentType: CONTENT_TYPES[request.format] };
  } finally {
    doc.destroy();
  }
}

/**
 * What a Review DOCX names beside the text: the threads (for a draft, those begun before it was
 * saved) and every writer with a suggestion, by name, whether or not they are still a member.
 */
async function reviewMaterialOf(storage: Storage, manuscriptId: string, doc: Y.Doc, members: Member[], request: ExportRequest, savedAt: Date | null): Promise<ReviewMaterial | undefined> {
  const wantsThreads = request.comments !== undefined && request.comments !== 'none';
  const wantsNames = request.changes === 'tracked';
  if (!wantsThreads && !wantsNames) return undefined;
  const threads = wantsThreads ? (await storage.comments.listThreads(manuscriptId)).filter((thread) => !savedAt || thread.createdAt <= savedAt.getTime()) : [];
  const names = new Map(members.map((member) => [member.userId, member.name]));
  // A guest's suggestion (imported from Word) carries its name; a former member is looked up.
  for (const userId of wantsNames ? suggestionAuthors(doc) : []) {
    if (!names.has(userId) && !guestNameOf(userId)) names.set(userId, (await storage.users.getById(userId))?.name ?? '');
  }
  return { threads, nameOf: (userId) => (userId && names.get(userId)) || 'A co-author' };
}

/** A new manuscript, owned by the actor, from a DOCX, Markdown, HTML or text file. */
export async function importManuscriptAs(storage: Storage, actor: Actor, file: { name: string; bytes: Uint8Array }) {
  const { manuscript, update: text, review } = await importManuscript(file);
  // A DOCX's comments and tracked changes come in as threads and suggestions (see import-changes.ts).
  const reviewed = reviewIntoNewManuscript(text, review, { userId: actor.id, name: actor.name, email: (await storage.users.getById(actor.id))?.email ?? '' });
  const update = reviewed?.update ?? text;
  const created = await storage.manuscripts.create({ title: manuscript.title.slice(0, 200) || 'Imported manuscript', ownerId: actor.id, initialUpdate: update });
  if (reviewed && reviewed.threads.length > 0) await storage.comments.importThreads(created.id, reviewed.threads);
  // The file's author if it names one, else the owner: the title page never says "Author".
  const byline = (manuscript.author || actor.name).slice(0, 200);
  if (byline) await storage.manuscripts.updateSettings(created.id, { ...manuscriptSettingsOf(created), byline });
  // The home page shows the words at once, before anyone opens the manuscript.
  const words = new Y.Doc();
  Y.applyUpdate(words, update);
  await storage.manuscripts.recordWordCount(created.id, countManuscriptWords(words));
  words.destroy();
  return { ...created, byline, review: reviewed?.imported ?? null };
}

export function getManuscriptAs(storage: Storage, actor: Actor, manuscriptId: string) {
  return getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
}

export async function renameManuscriptAs(storage: Storage, actor: Actor, manuscriptId: string, input: { title: string }) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'editor');
  await storage.manuscripts.rename(manuscriptId, input.title);
}

/** Title-page details and the goal: readable by every member, changed by editors and the owner. */
export async function getManuscriptSettingsAs(storage: Storage, actor: Actor, manuscriptId: string) {
  const { manuscript, role } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  return { settings: manuscriptSettingsOf(manuscript), role };
}

export async function updateManuscriptSettingsAs(storage: Storage, actor: Actor, manuscriptId: string, settings: ManuscriptSettings) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'editor');
  await storage.manuscripts.updateSettings(manuscriptId, settings);
}

export async function trashManuscriptAs(storage: Storage, actor: Actor, manuscriptId: string) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'owner');
  await storage.manuscripts.trash(manuscriptId);
}

export async function restoreManuscriptAs(storage: Storage, actor: Actor, manuscriptId: string) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'owner', { includeTrashed: true });
  await storage.manuscripts.restore(manuscriptId);
}

/** Members are visible to everyone in the manuscript; pending invitations only to the owner. */
export async function listMembersAs(storage: Storage, actor: Actor, manuscriptId: string) {
  const { role } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  return { members: await storage.members.list(manuscriptId), invitations: role === 'owner' ? await storage.members.listPendingInvitations(manuscriptId) : [] };
}

export async function shareByEmailAs(storage: Storage, actor: Actor, manuscriptId: string, input: { email: string; role: ShareableRole }, inbox: Pick<Inbox, 'shared'> = inboxFromEnv(storage)) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'owner');
  const result = await storage.members.shareByEmail({ manuscriptId, email: input.email, role: input.role, invitedBy: actor.id });
  // An existing writer hears at once; someone invited by email sees it when they sign up.
  if (result.kind === 'member' && result.userId !== actor.id) await inbox.shared({ manuscriptId, userId: result.userId, actorId: actor.id, role: input.role });
  return result;
}

export async function changeRoleAs(storage: Storage, actor: Actor, manuscriptId: string, userId: string, input: { role: ShareableRole }) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'owner');
  const current = await storage.members.getRole(manuscriptId, userId);
  if (!current) throw new NotFoundError('member');
  if (current === 'owner') throw new InvalidOperationError("The owner's role cannot be changed.");
  await storage.members.setRole(manuscriptId, userId, input.role);
}

/** The owner removes anyone else; any other member may remove themself (leave). */
export async function removeMemberAs(storage: Storage, actor: Actor, manuscriptId: string, userId: string) {
  const { role } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  if (userId !== actor.id && role !== 'owner') throw new NotFoundError('member');
  const target = await storage.members.getRole(manuscriptId, userId);
  if (!target) throw new NotFoundError('member');
  if (target === 'owner') throw new InvalidOperationError('The owner cannot leave their own manuscript; move it to the trash instead.');
  await storage.members.remove(manuscriptId, userId);
}

export async function createInviteLinkAs(storage: Storage, actor: Actor, manuscriptId: string, input: { role: ShareableRole }) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'owner');
  return storage.members.createInviteLink({ manuscriptId, role: input.role, createdBy: actor.id });
}

export async function revokeInvitationAs(storage: Storage, actor: Actor, manuscriptId: string, invitationId: string) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'owner');
  if (!(await storage.members.revokeInvitation(manuscriptId, invitationId))) throw new NotFoundError('invitation');
}

export async function acceptInviteLinkAs(storage: Storage, actor: Actor, secret: string): Promise<string> {
  const manuscriptId = await storage.members.acceptInviteLink(secret, actor.id);
  if (!manuscriptId) throw new NotFoundError('invitation');
  return manuscriptId;
}

/** What a client needs to join a manuscript's room: a short-lived signed token and the room name. */
export async function issueCollabTokenAs(storage: Storage, actor: Actor, manuscriptId: string, secret: string) {
  const { role } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  const token = await signCollabToken(secret, { sub: actor.id, name: actor.name, color: actor.color, mid: manuscriptId, role });
  return { token, room: `manuscript.${manuscriptId}`, role };
}

const QUARANTINED_MESSAGE =
  'This manuscript’s stored history could not be read, so it is set aside until the person who runs Scriptorium looks at it. Nothing was deleted.';

/** The manuscript's current text; a quarantined or undecodable one is refused with a message, never half-read. */
async function currentDoc(storage: Storage, manuscript: Manuscript): Promise<Y.Doc> {
  if (manuscript.quarantinedAt) throw new UnreadableDocumentError(QUARANTINED_MESSAGE);
  try {
    return await loadManuscriptDoc(storage.documents, manuscript.id);
  } catch (error) {
    if (error instanceof CorruptUpdateError) throw new UnreadableDocumentError(QUARANTINED_MESSAGE);
    throw error;
  }
}

async function draftDoc(storage: Storage, manuscriptId: string, draftId: string): Promise<Y.Doc> {
  return (await loadDraft(storage, manuscriptId, draftId)).doc;
}

async function loadDraft(storage: Storage, manuscriptId: string, draftId: string): Promise<{ doc: Y.Doc; savedAt: Date }> {
  const draft = await storage.drafts.get(manuscriptId, draftId);
  if (!draft) throw new NotFoundError('draft');
  const doc = new Y.Doc();
  try {
    Y.decodeUpdate(draft.state);
    Y.applyUpdate(doc, new Uint8Array(draft.state));
  } catch {
    doc.destroy();
    throw new UnreadableDocumentError(`The draft “${draft.name}” could not be read, so it cannot be opened or exported. Nothing was deleted.`);
  }
  return { doc, savedAt: draft.createdAt };
}

/** Freezes the whole manuscript under a name, server-side, with who saved it and its word count. */
export async function saveDraftAs(storage: Storage, actor: Actor, manuscriptId: string, input: { name: string }) {
  const { manuscript } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'editor');
  const doc = await currentDoc(storage, manuscript);
  try {
    return await storage.drafts.insert({ manuscriptId, kind: 'draft', name: input.name, createdBy: actor.id, wordCount: countManuscriptWords(doc), state: Y.encodeStateAsUpdate(doc) });
  } finally {
    doc.destroy();
  }
}

export async function listDraftsAs(storage: Storage, actor: Actor, manuscriptId: string) {
  await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  return storage.drafts.list(manuscriptId);
}

/** A draft opened read-only: its document, never loaded into the live room. */
export async function openDraftAs(storage: Storage, actor: Actor, manuscriptId: string, draftId: string) {
  const { manuscript } = await getManuscriptOrThrow(storage, actor.id, manuscriptId, 'viewer');
  const draft = await storage.drafts.get(manuscriptId, draftId);
  if (!draft) throw new NotFoundError('draft');
  return { manuscript, draft, doc: await draftDoc(storage, manuscriptId, draftId) };
}

/** Compares a draft with the current manuscript, or with another draft. */
export async function compareDraftAs(storage: Storage, actor: Actor, manuscriptId: string, draftId: string, withId: string | 'current') {
  const { doc: before, draft, manuscript } = await openDraftAs(storage, actor, manuscriptId, draftId);
  let after: Y.Doc;
  try {
    after = withId === 'current' ? await currentDoc(storage, manuscript) : await draftDoc(storage, manuscriptId, withId);
  } catch (error) {
    before.destroy();
    throw error;
  }
  try {
    return { draft, comparison: compareManuscripts(before, after) };
  } finally {
    before.destroy();
    after.destroy();
  }
}
