/**
 * What storage hands back, the same from every engine. Rows are typed once, by the drizzle schema
 * (sqlite/schema.ts); the records below are those rows, or views picked from them. The lowest layer
 * of lib/ with lib/domain: access, auth, export and the apps take their record types from here.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type { Role } from '../domain/roles';
import type * as schema from './sqlite/schema';

export type { Role, ShareableRole } from '../domain/roles';

export type User = InferSelectModel<typeof schema.users>;
export type Manuscript = InferSelectModel<typeof schema.manuscripts>;
type InvitationRow = InferSelectModel<typeof schema.invitations>;
type ApiTokenRow = InferSelectModel<typeof schema.apiTokens>;
type DraftRow = InferSelectModel<typeof schema.drafts>;

/** The title-page details exports need, plus the writer's goal. */
export type ManuscriptSettings = Pick<
  Manuscript,
  'title' | 'authorLegalName' | 'byline' | 'contactAddress' | 'contactEmail' | 'contactPhone' | 'genre' | 'runningHeadKeyword' | 'targetWords' | 'deadline'
>;

export function manuscriptSettingsOf(manuscript: Manuscript): ManuscriptSettings {
  const { title, authorLegalName, byline, contactAddress, contactEmail, contactPhone, genre, runningHeadKeyword, targetWords, deadline } = manuscript;
  return { title, authorLegalName, byline, contactAddress, contactEmail, contactPhone, genre, runningHeadKeyword, targetWords, deadline };
}

export const TRASH_RETENTION_DAYS = 30;

export type ManuscriptListing = Pick<Manuscript, 'id' | 'title' | 'updatedAt' | 'wordCount' | 'deletedAt'> & { role: Role; lastEditedByName: string | null };

export type Member = Pick<User, 'name' | 'email' | 'color'> & { userId: string; role: Role };

export type PendingInvitation = Pick<InvitationRow, 'id' | 'email' | 'role' | 'createdAt'> & { isLink: boolean };

export type InviteLink = Pick<InvitationRow, 'id' | 'manuscriptId' | 'role'>;

export type ShareResult = { kind: 'member'; userId: string } | { kind: 'invited'; invitationId: string };

export type ApiTokenListing = Pick<ApiTokenRow, 'id' | 'name' | 'createdAt' | 'lastUsedAt'>;

export type DraftKind = DraftRow['kind'];

/** A frozen full state of a manuscript's Y.Doc: a named draft, or an automatic checkpoint. Unlike the row, bytes are a plain Uint8Array, never a Buffer. */
export type Draft = Omit<DraftRow, 'state'> & { state: Uint8Array };

export type DraftListing = Pick<Draft, 'id' | 'kind' | 'name' | 'createdAt' | 'changedBy' | 'wordCount'> & { createdByName: string | null };

export type NewDraft = Pick<Draft, 'manuscriptId' | 'kind' | 'name' | 'createdBy' | 'wordCount' | 'state'> & { changedBy?: string };

/** A stored row of a manuscript's update log (a plain Uint8Array, as every record's bytes). */
export interface StoredUpdate {
  seq: number;
  bytes: Uint8Array;
}

export const NOTIFICATION_KINDS = ['mention', 'reply', 'resolved', 'reopened', 'shared', 'draft-restored'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export interface NotificationSettingsView {
  kinds: NotificationKind[];
  email: EmailMode;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettingsView = { kinds: [...NOTIFICATION_KINDS], email: 'off' };

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  manuscriptId: string;
  manuscriptTitle: string;
  threadId: string | null;
  actorName: string;
  excerpt: string;
  createdAt: number;
  read: boolean;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  manuscriptId: string;
  threadId?: string | null;
  actorId: string | null;
  excerpt: string;
}

export type NotificationToEmail = NotificationView & { userId: string; email: string; userName: string };

export interface ThreadParticipants {
  createdBy: string | null;
  writers: string[];
  quote: string;
}

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
  constructor() {
    super('An account with that email already exists.');
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A thread brought in from a Word file: its messages keep their dates, and authors who are not members keep their names. */
export interface ImportedThreadRecord {
  sceneId: string;
  anchor: { start: string; end: string };
  quote: string;
  context: { prefix: string; suffix: string };
  /** Marked done in the file. */
  resolvedAt: number | null;
  messages: Array<{ authorId: string | null; guestName: string | null; body: string; createdAt: number }>;
}

/** Replies an editor added in Word under a thread the manuscript already has: added to it, with their dates and names. */
export interface ImportedRepliesRecord {
  threadId: string;
  messages: ImportedThreadRecord['messages'];
}

/** The colour guests (an editor named in an imported review, not a member) show in; members have their own. */
export const GUEST_COLOR = '#6b6b6b';
