import type { CommentStore } from './comment-store';
import type { CommitReport } from './log/group-commit';
import type {
  ApiTokenListing,
  Draft,
  DraftListing,
  InviteLink,
  Manuscript,
  ManuscriptListing,
  ManuscriptSettings,
  Member,
  NewDraft,
  NewNotification,
  NotificationSettingsView,
  NotificationToEmail,
  NotificationView,
  PendingInvitation,
  Role,
  ShareableRole,
  ShareResult,
  StoredUpdate,
  ThreadParticipants,
  User,
} from './records';

export type { CommitReport };

/** How the document log commits; given to openStorage. */
export interface StorageOptions {
  /** Group commit: at most one log transaction starts per this many ms (0: as soon as the last one ends). */
  commitWindowMs?: number;
  /** Called after each group commit, for metrics. */
  onCommit?: (report: CommitReport) => void;
  /** Write and fold on worker threads (the default for a database file); false does both inline, for comparison benchmarks. */
  offThread?: boolean;
}

/**
 * Everything Scriptorium keeps, as one async interface per concern with one implementation per
 * engine: SQLite (the embedded default), PostgreSQL (several instances sharing one store),
 * selected by DATABASE_URL, and memory (unit tests). One contract suite (storage-contract.test.ts
 * and documents-contract.test.ts) runs on all three. Lookups by id are scoped where an id comes
 * from a client: another manuscript's id finds nothing.
 */
export interface Storage {
  readonly engine: 'sqlite' | 'postgres' | 'memory';
  users: UserStore;
  manuscripts: ManuscriptStore;
  members: MemberStore;
  drafts: DraftStore;
  documents: DocumentStore;
  comments: CommentStore;
  notifications: NotificationStore;
  /** Resolves when the store answers a trivial query (readiness probes). */
  ping(): Promise<void>;
  /** An online, verified copy of the whole store in one file (SQLite); PostgreSQL rejects (use pg_dump). */
  backup(out: string): Promise<{ manuscripts: number; users: number }>;
  /** Commits waiting appends, stops the log's worker threads and closes the connection. */
  close(): Promise<void>;
}

export interface UserStore {
  /** Creates a writer and honours every pending email invitation addressed to them, in one transaction; EmailTakenError if taken. */
  create(input: { email: string; name: string; color: string; passwordHash: string | null }): Promise<User>;
  getByEmail(email: string): Promise<User | undefined>;
  getById(id: string): Promise<User | undefined>;
  updateProfile(userId: string, profile: { name: string; color: string }): Promise<void>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;

  /** Creates a personal API token and returns its secret once; only its hash is kept. */
  createApiToken(userId: string, name: string): Promise<{ id: string; token: string }>;
  listApiTokens(userId: string): Promise<ApiTokenListing[]>;
  /** Revokes one of the writer's own tokens; false when there is no such token of theirs. */
  revokeApiToken(userId: string, tokenId: string): Promise<boolean>;
  /** The token's writer (and notes when it was used), or undefined. */
  userForApiToken(token: string): Promise<User | undefined>;

  /** Stores a reset for this writer (only its token's hash), replacing any they asked for before. */
  insertPasswordReset(input: { userId: string; token: string; expiresAt: Date }): Promise<void>;
  /** The writer a reset token is for, while it is unused and unexpired. */
  userForPasswordReset(token: string, now?: Date): Promise<User | undefined>;
  /** Spends a reset token once and sets the new hash, in one transaction; undefined for an unknown, spent or expired token. */
  consumePasswordReset(token: string, passwordHash: string, now?: Date): Promise<User | undefined>;

  /** The writer's stored appearance as it was saved (JSON), or null; lib/appearance reads it. */
  getAppearance(userId: string): Promise<unknown>;
  setAppearance(userId: string, appearance: unknown): Promise<void>;
}

export interface ManuscriptStore {
  /** Creates a manuscript owned by `ownerId` with its initial document, in one transaction. */
  create(input: { title: string; ownerId: string; initialUpdate: Uint8Array }): Promise<Manuscript>;
  get(id: string): Promise<Manuscript | undefined>;
  /** The manuscript with this member's role (trashed ones too); undefined when they are not a member. */
  getForMember(userId: string, manuscriptId: string): Promise<{ manuscript: Manuscript; role: Role } | undefined>;
  /** The writer's live manuscripts, most recently edited first: those they own and those shared with them. */
  listForUser(userId: string): Promise<{ mine: ManuscriptListing[]; shared: ManuscriptListing[] }>;
  /** The owner's trashed manuscripts that can still be restored, most recently trashed first. */
  listTrashForUser(userId: string): Promise<ManuscriptListing[]>;
  rename(id: string, title: string): Promise<void>;
  trash(id: string, now?: Date): Promise<void>;
  restore(id: string): Promise<void>;
  /** Deletes manuscripts trashed more than TRASH_RETENTION_DAYS ago, with everything of theirs; returns how many. */
  purgeExpiredTrash(now?: number): Promise<number>;
  /** Marks a manuscript unreadable; its bytes stay untouched for an operator to inspect. */
  quarantine(id: string, reason: string): Promise<void>;
  recordWordCount(id: string, wordCount: number): Promise<void>;
  updateSettings(id: string, settings: ManuscriptSettings): Promise<void>;
}

export interface MemberStore {
  list(manuscriptId: string): Promise<Member[]>;
  listPendingInvitations(manuscriptId: string): Promise<PendingInvitation[]>;
  /**
   * Shares by email: an existing writer gets the role at once (an existing member's role is
   * updated, never the owner's); an unknown email gets a pending invitation honoured at sign-up.
   */
  shareByEmail(input: { manuscriptId: string; email: string; role: ShareableRole; invitedBy: string }): Promise<ShareResult>;
  /** Creates an invitation link; the secret is returned once and only its hash is kept. */
  createInviteLink(input: { manuscriptId: string; role: ShareableRole; createdBy: string }): Promise<{ id: string; secret: string }>;
  findInviteLink(secret: string): Promise<InviteLink | undefined>;
  /** Whether someone invited this email to any manuscript (pending, not yet signed up). */
  hasEmailInvitation(email: string): Promise<boolean>;
  /** Joins via a link: a new member gets the link's role; an existing member keeps theirs. The manuscript id, or null. */
  acceptInviteLink(secret: string, userId: string): Promise<string | null>;
  revokeInvitation(manuscriptId: string, invitationId: string): Promise<boolean>;
  /** The member's role on a live manuscript; null for a non-member, or when the manuscript is trashed or unknown (one prepared query: every connection asks). */
  getRole(manuscriptId: string, userId: string): Promise<Role | null>;
  setRole(manuscriptId: string, userId: string, role: ShareableRole): Promise<void>;
  remove(manuscriptId: string, userId: string): Promise<void>;
  /**
   * Every member's role per manuscript, in one query (the collab server re-checks all loaded rooms
   * at once); a manuscript that is trashed or unknown maps to no one.
   */
  rolesFor(manuscriptIds: string[]): Promise<Map<string, Map<string, Role>>>;
}

export interface DraftStore {
  insert(input: NewDraft): Promise<string>;
  /** Drafts and checkpoints, newest first, without their (large) states. */
  list(manuscriptId: string): Promise<DraftListing[]>;
  /** One draft of this manuscript (never another manuscript's, whatever the id). */
  get(manuscriptId: string, draftId: string): Promise<Draft | undefined>;
  delete(manuscriptId: string, ids: string[]): Promise<void>;
}

export type LoadResult =
  | { status: 'missing' }
  | { status: 'quarantined'; reason: string }
  | { status: 'ok'; rows: StoredUpdate[] };

/**
 * Each manuscript's update log (seq, bytes): the web app reads it, the collab server appends to it,
 * compacts it and takes checkpoints of it. Every write resolves only once it is durable.
 */
export interface DocumentStore {
  /** Every stored row of a manuscript's log, oldest first. */
  readUpdates(manuscriptId: string): Promise<StoredUpdate[]>;
  /** The log for a room: missing (unknown or trashed), quarantined (with why), or its rows. */
  load(manuscriptId: string): Promise<LoadResult>;
  /**
   * Appends one update by `editorId`. Appends are group-committed (StorageOptions.commitWindowMs):
   * the promise resolves after the transaction holding it returns, in the order they were made.
   */
  append(manuscriptId: string, update: Uint8Array, editorId?: string): Promise<void>;
  /** Folds the stored rows into one snapshot row and records the word count, deleting exactly the rows it read. */
  compact(manuscriptId: string): Promise<void>;
  /** Stores an automatic checkpoint of what is stored now (after every append made so far) and thins older ones. */
  saveCheckpoint(manuscriptId: string, checkpoint: { name: string; changedBy: string[] }): Promise<void>;
  /** Commits whatever appends are waiting, now. */
  flush(): Promise<void>;
}

export interface NotificationStore {
  getSettings(userId: string): Promise<NotificationSettingsView>;
  setSettings(userId: string, settings: NotificationSettingsView): Promise<void>;
  /**
   * Stores inbox items for the writers who want that kind and are still members (never the actor);
   * returns the ids stored.
   */
  add(items: NewNotification[]): Promise<string[]>;
  /** A writer's newest items, only for live manuscripts they are still a member of. */
  list(userId: string, limit?: number): Promise<NotificationView[]>;
  unreadCount(userId: string): Promise<number>;
  /** Marks some (or, with no ids, all) of this writer's items read; never anyone else's. */
  markRead(userId: string, ids?: string[]): Promise<void>;
  /** Items not yet emailed: these ids (immediate), or every unread one of a writer (digest). */
  toEmail(selector: { ids: string[] } | { userId: string }): Promise<NotificationToEmail[]>;
  markEmailed(ids: string[]): Promise<void>;
  /** Writers on the daily digest whose last digest is older than `before`. */
  digestRecipients(before: Date): Promise<string[]>;
  /**
   * Claims the writer's due digest: marks it sent at `at` only if their last is older than `before`.
   * False when another instance claimed it first, so each digest goes out once.
   */
  claimDigest(userId: string, before: Date, at: Date): Promise<boolean>;
  /** Who began a thread and everyone who wrote in it, with its quote. */
  threadParticipants(threadId: string): Promise<ThreadParticipants | null>;
}
