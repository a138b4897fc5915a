/**
 * What storage hands back, the same from every engine. The lowest layer of lib/: it imports
 * nothing, and access, auth, export and the apps take their record types from here.
 */

export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** The roles an owner can give when sharing (ownership itself is not shared). */
export type ShareableRole = Exclude<Role, 'owner'>;

export interface User {
  id: string;
  /** Stored lower-cased; the sign-in identifier. */
  email: string;
  name: string;
  color: string;
  /** scrypt hash with its own salt; null for writers who only sign in with OAuth. */
  passwordHash: string | null;
  createdAt: Date;
}

export interface Manuscript {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set when a stored update failed to decode; the collab server refuses the room until cleared. */
  quarantinedAt: Date | null;
  quarantineReason: string | null;
  /** Set when moved to the trash; purged 30 days later. */
  deletedAt: Date | null;
  lastEditedBy: string | null;
  wordCount: number;
  authorLegalName: string;
  byline: string;
  contactAddress: string;
  contactEmail: string;
  contactPhone: string;
  genre: string;
  runningHeadKeyword: string;
  targetWords: number | null;
  /** ISO date (YYYY-MM-DD) the writer aims to reach the target by. */
  deadline: string | null;
}

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

export interface ManuscriptListing {
  id: string;
  title: string;
  role: Role;
  updatedAt: Date;
  wordCount: number;
  lastEditedByName: string | null;
  deletedAt: Date | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  color: string;
  role: Role;
}

export interface PendingInvitation {
  id: string;
  email: string | null;
  role: Role;
  isLink: boolean;
  createdAt: Date;
}

export interface InviteLink {
  id: string;
  manuscriptId: string;
  role: Role;
}

export type ShareResult = { kind: 'member'; userId: string } | { kind: 'invited'; invitationId: string };

export interface ApiTokenListing {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type DraftKind = 'draft' | 'checkpoint';

/** A frozen full state of a manuscript's Y.Doc: a named draft, or an automatic checkpoint. */
export interface Draft {
  id: string;
  manuscriptId: string;
  kind: DraftKind;
  name: string;
  createdBy: string | null;
  /** For checkpoints: the names of who changed the text since the one before. */
  changedBy: string;
  createdAt: Date;
  wordCount: number;
  state: Uint8Array;
}

export interface DraftListing {
  id: string;
  kind: DraftKind;
  name: string;
  createdAt: Date;
  createdByName: string | null;
  changedBy: string;
  wordCount: number;
}

export interface NewDraft {
  manuscriptId: string;
  kind: DraftKind;
  name: string;
  createdBy: string | null;
  changedBy?: string;
  wordCount: number;
  state: Uint8Array;
}

/** A stored row of a manuscript's update log. */
export interface StoredUpdate {
  seq: number;
  bytes: Uint8Array;
}

export const NOTIFICATION_KINDS = ['mention', 'reply', 'resolved', 'reopened', 'shared', 'draft-restored'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type EmailMode = 'off' | 'immediate' | 'daily';

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
