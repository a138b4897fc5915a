import { inboxFromEnv } from '../notifications/delivery';
import type { Inbox } from '../notifications/inbox';
import { exportFileName, exportManuscript, CONTENT_TYPES, type ExportRequest } from '../export';
import { withDefaultAuthor } from '../export/title-page';
import { importManuscript } from '../import';
import { encodeNewManuscript } from '../manuscript/binder';
import { loadManuscriptDoc } from '../manuscript/load-document';
import { CorruptUpdateError } from '../collab/replay';
import { countManuscriptWords } from '../manuscript/word-count';
import { compareManuscripts } from '../drafts/compare';
import * as Y from 'yjs';
import { signCollabToken } from '../collab/token';
import {
  acceptInviteLink,
  createInviteLink,
  createManuscript,
  getManuscriptForMember,
  getMemberRole,
  listMembers,
  listPendingInvitations,
  removeMember,
  renameManuscript,
  restoreManuscript,
  revokeInvitation,
  setMemberRole,
  shareByEmail,
  trashManuscript,
  getDraft,
  insertDraft,
  listDrafts,
  manuscriptSettingsOf,
  updateManuscriptSettings,
  recordWordCount,
  type Db,
  type Manuscript,
  type ManuscriptSettings,
  type User,
} from '../db';
import { InvalidOperationError, NotFoundError, UnreadableDocumentError } from './errors';
import { hasAtLeast, type Role, type ShareableRole } from './roles';

/**
 * The manuscript and the actor's role, if they hold at least `minRole` on it; otherwise
 * NotFoundError, the same for unknown, trashed and forbidden manuscripts.
 */
function getManuscriptOrThrow(db: Db, userId: string, manuscriptId: string, minRole: Role, options: { includeTrashed?: boolean } = {}) {
  const row = getManuscriptForMember(db, userId, manuscriptId);
  if (!row || !hasAtLeast(row.role, minRole)) throw new NotFoundError();
  if (row.manuscript.deletedAt && !options.includeTrashed) throw new NotFoundError();
  return row;
}

/**
 * Every operation on a manuscript, each authorising its actor itself. Route handlers, server
 * actions and the CLI call these and nothing lower, so no entry point can skip a check.
 */
export type Actor = Pick<User, 'id' | 'name' | 'color'>;

export function createManuscriptAs(db: Db, actor: Actor, input: { title: string }) {
  return createManuscript(db, { title: input.title, ownerId: actor.id, initialUpdate: encodeNewManuscript() });
}

/** Any member may export: the current text (or a saved draft), read from storage, in the chosen format. */
export async function exportManuscriptAs(db: Db, actor: Actor, manuscriptId: string, request: ExportRequest & { draftId?: string }) {
  const { manuscript } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  const doc = request.draftId ? draftDoc(db, manuscriptId, request.draftId) : currentDoc(db, manuscript);
  try {
    const owner = listMembers(db, manuscriptId).find((member) => member.role === 'owner');
    const bytes = await exportManuscript(doc, withDefaultAuthor(manuscriptSettingsOf(manuscript), owner?.name), request);
    return { bytes, fileName: exportFileName(manuscript.title, request.format), contentType: CONTENT_TYPES[request.format] };
  } finally {
    doc.destroy();
  }
}

/** A new manuscript, owned by the actor, from a DOCX, Markdown, HTML or text file. */
export async function importManuscriptAs(db: Db, actor: Actor, file: { name: string; bytes: Uint8Array }) {
  const { manuscript, update } = await importManuscript(file);
  const created = createManuscript(db, { title: manuscript.title.slice(0, 200) || 'Imported manuscript', ownerId: actor.id, initialUpdate: update });
  // The file's author if it names one, else the owner: the title page never says "Author".
  const byline = (manuscript.author || actor.name).slice(0, 200);
  if (byline) updateManuscriptSettings(db, created.id, { ...manuscriptSettingsOf(created), byline });
  // The home page shows the words at once, before anyone opens the manuscript.
  const words = new Y.Doc();
  Y.applyUpdate(words, update);
  recordWordCount(db, created.id, countManuscriptWords(words));
  words.destroy();
  return { ...created, byline };
}

export function getManuscriptAs(db: Db, actor: Actor, manuscriptId: string) {
  return getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
}

export function renameManuscriptAs(db: Db, actor: Actor, manuscriptId: string, input: { title: string }) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'editor');
  renameManuscript(db, manuscriptId, input.title);
}

/** Title-page details and the goal: readable by every member, changed by editors and the owner. */
export function getManuscriptSettingsAs(db: Db, actor: Actor, manuscriptId: string) {
  const { manuscript, role } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  return { settings: manuscriptSettingsOf(manuscript), role };
}

export function updateManuscriptSettingsAs(db: Db, actor: Actor, manuscriptId: string, settings: ManuscriptSettings) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'editor');
  updateManuscriptSettings(db, manuscriptId, settings);
}

export function trashManuscriptAs(db: Db, actor: Actor, manuscriptId: string) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'owner');
  trashManuscript(db, manuscriptId);
}

export function restoreManuscriptAs(db: Db, actor: Actor, manuscriptId: string) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'owner', { includeTrashed: true });
  restoreManuscript(db, manuscriptId);
}

/** Members are visible to everyone in the manuscript; pending invitations only to the owner. */
export function listMembersAs(db: Db, actor: Actor, manuscriptId: string) {
  const { role } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  return { members: listMembers(db, manuscriptId), invitations: role === 'owner' ? listPendingInvitations(db, manuscriptId) : [] };
}

export function shareByEmailAs(db: Db, actor: Actor, manuscriptId: string, input: { email: string; role: ShareableRole }, inbox: Pick<Inbox, 'shared'> = inboxFromEnv(db)) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'owner');
  const result = shareByEmail(db, { manuscriptId, email: input.email, role: input.role, invitedBy: actor.id });
  // An existing writer hears at once; someone invited by email sees it when they sign up.
  if (result.kind === 'member' && result.userId !== actor.id) inbox.shared({ manuscriptId, userId: result.userId, actorId: actor.id, role: input.role });
  return result;
}

export function changeRoleAs(db: Db, actor: Actor, manuscriptId: string, userId: string, input: { role: ShareableRole }) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'owner');
  const current = getMemberRole(db, manuscriptId, userId);
  if (!current) throw new NotFoundError('member');
  if (current === 'owner') throw new InvalidOperationError("The owner's role cannot be changed.");
  setMemberRole(db, manuscriptId, userId, input.role);
}

/** The owner removes anyone else; any other member may remove themself (leave). */
export function removeMemberAs(db: Db, actor: Actor, manuscriptId: string, userId: string) {
  const { role } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  if (userId !== actor.id && role !== 'owner') throw new NotFoundError('member');
  const target = getMemberRole(db, manuscriptId, userId);
  if (!target) throw new NotFoundError('member');
  if (target === 'owner') throw new InvalidOperationError('The owner cannot leave their own manuscript; move it to the trash instead.');
  removeMember(db, manuscriptId, userId);
}

export function createInviteLinkAs(db: Db, actor: Actor, manuscriptId: string, input: { role: ShareableRole }) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'owner');
  return createInviteLink(db, { manuscriptId, role: input.role, createdBy: actor.id });
}

export function revokeInvitationAs(db: Db, actor: Actor, manuscriptId: string, invitationId: string) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'owner');
  if (!revokeInvitation(db, manuscriptId, invitationId)) throw new NotFoundError('invitation');
}

export function acceptInviteLinkAs(db: Db, actor: Actor, secret: string): string {
  const manuscriptId = acceptInviteLink(db, secret, actor.id);
  if (!manuscriptId) throw new NotFoundError('invitation');
  return manuscriptId;
}

/** What a client needs to join a manuscript's room: a short-lived signed token and the room name. */
export async function issueCollabTokenAs(db: Db, actor: Actor, manuscriptId: string, secret: string) {
  const { role } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  const token = await signCollabToken(secret, { sub: actor.id, name: actor.name, color: actor.color, mid: manuscriptId, role });
  return { token, room: `manuscript.${manuscriptId}`, role };
}

const QUARANTINED_MESSAGE =
  'This manuscript’s stored history could not be read, so it is set aside until the person who runs Scriptorium looks at it. Nothing was deleted.';

/** The manuscript's current text; a quarantined or undecodable one is refused with a message, never half-read. */
function currentDoc(db: Db, manuscript: Manuscript): Y.Doc {
  if (manuscript.quarantinedAt) throw new UnreadableDocumentError(QUARANTINED_MESSAGE);
  try {
    return loadManuscriptDoc(db, manuscript.id);
  } catch (error) {
    if (error instanceof CorruptUpdateError) throw new UnreadableDocumentError(QUARANTINED_MESSAGE);
    throw error;
  }
}

function draftDoc(db: Db, manuscriptId: string, draftId: string): Y.Doc {
  const draft = getDraft(db, manuscriptId, draftId);
  if (!draft) throw new NotFoundError('draft');
  const doc = new Y.Doc();
  try {
    Y.decodeUpdate(draft.state);
    Y.applyUpdate(doc, new Uint8Array(draft.state));
  } catch {
    doc.destroy();
    throw new UnreadableDocumentError(`The draft “${draft.name}” could not be read, so it cannot be opened or exported. Nothing was deleted.`);
  }
  return doc;
}

/** Freezes the whole manuscript under a name, server-side, with who saved it and its word count. */
export function saveDraftAs(db: Db, actor: Actor, manuscriptId: string, input: { name: string }) {
  const { manuscript } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'editor');
  const doc = currentDoc(db, manuscript);
  try {
    return insertDraft(db, { manuscriptId, kind: 'draft', name: input.name, createdBy: actor.id, wordCount: countManuscriptWords(doc), state: Y.encodeStateAsUpdate(doc) });
  } finally {
    doc.destroy();
  }
}

export function listDraftsAs(db: Db, actor: Actor, manuscriptId: string) {
  getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  return listDrafts(db, manuscriptId);
}

/** A draft opened read-only: its document, never loaded into the live room. */
export function openDraftAs(db: Db, actor: Actor, manuscriptId: string, draftId: string) {
  const { manuscript } = getManuscriptOrThrow(db, actor.id, manuscriptId, 'viewer');
  const draft = getDraft(db, manuscriptId, draftId);
  if (!draft) throw new NotFoundError('draft');
  return { manuscript, draft, doc: draftDoc(db, manuscriptId, draftId) };
}

/** Compares a draft with the current manuscript, or with another draft. */
export function compareDraftAs(db: Db, actor: Actor, manuscriptId: string, draftId: string, withId: string | 'current') {
  const { doc: before, draft, manuscript } = openDraftAs(db, actor, manuscriptId, draftId);
  const after = withId === 'current' ? currentDoc(db, manuscript) : draftDoc(db, manuscriptId, withId);
  try {
    return { draft, comparison: compareManuscripts(before, after) };
  } finally {
    before.destroy();
    after.destroy();
  }
}
