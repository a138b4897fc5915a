import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../domain/roles';
import { EMAIL_MODES, NOTIFICATION_KINDS } from '../records';

/**
 * The one schema: the SQLite tables (drizzle-kit writes ./migrations from it), the row types the
 * records derive from, and what pg/migrations must match (schema-parity.test.ts checks it).
 */
const now = sql`(unixepoch('subsec') * 1000)`;

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased; the sign-in identifier. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    /** scrypt hash with its own salt; null for writers who only sign in with OAuth. */
    passwordHash: text('password_hash'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (table) => [uniqueIndex('users_email').on(table.email)],
);

export const manuscripts = sqliteTable('manuscripts', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  /** Set when a stored update failed to decode; the collab server refuses the room until cleared. */
  quarantinedAt: integer('quarantined_at', { mode: 'timestamp_ms' }),
  quarantineReason: text('quarantine_reason'),
  /** Set when moved to the trash; purged 30 days later. */
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  lastEditedBy: text('last_edited_by').references(() => users.id, { onDelete: 'set null' }),
  wordCount: integer('word_count').notNull().default(0),
  // What an export's title page needs, and the writer's goal.
  authorLegalName: text('author_legal_name').notNull().default(''),
  byline: text('byline').notNull().default(''),
  contactAddress: text('contact_address').notNull().default(''),
  contactEmail: text('contact_email').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  genre: text('genre').notNull().default(''),
  runningHeadKeyword: text('running_head_keyword').notNull().default(''),
  targetWords: integer('target_words'),
  /** ISO date (YYYY-MM-DD) the writer aims to reach the target by. */
  deadline: text('deadline'),
});

export const memberships = sqliteTable(
  'memberships',
  {
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (table) => [primaryKey({ columns: [table.manuscriptId, table.userId] }), index('memberships_user').on(table.userId)],
);

/** A pending invitation: by email (honoured at sign-up) or by link (a secret token, stored hashed). */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    email: text('email'),
    tokenHash: text('token_hash'),
    role: text('role', { enum: ROLES }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (table) => [index('invitations_email').on(table.email), uniqueIndex('invitations_token').on(table.tokenHash)],
);

/** Personal API tokens; only a SHA-256 of the token is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
});

/** The append-only update log of each manuscript's Y.Doc; compaction folds it into one snapshot row. */
export const documentUpdates = sqliteTable(
  'document_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (table) => [index('document_updates_manuscript_seq').on(table.manuscriptId, table.seq)],
);

/** A frozen full state of a manuscript's Y.Doc: a named draft, or an automatic checkpoint. */
export const drafts = sqliteTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['draft', 'checkpoint'] }).notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** For checkpoints: the names of who changed the text since the one before. */
    changedBy: text('changed_by').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    wordCount: integer('word_count').notNull().default(0),
    state: blob('state', { mode: 'buffer' }).notNull(),
  },
  (table) => [index('drafts_manuscript_created').on(table.manuscriptId, table.createdAt)],
);

/** A comment thread, anchored to a passage of one scene by two Yjs relative positions. */
export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: text('id').primaryKey(),
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    sceneId: text('scene_id').notNull(),
    anchorStart: text('anchor_start').notNull(),
    anchorEnd: text('anchor_end').notNull(),
    /** The passage's text when the thread began, shown if the passage is later deleted. */
    quote: text('quote').notNull(),
    /** Up to 32 characters before and after the passage, to tell repeated quotes apart when re-anchoring. */
    quotePrefix: text('quote_prefix').notNull().default(''),
    quoteSuffix: text('quote_suffix').notNull().default(''),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [index('comment_threads_manuscript').on(table.manuscriptId)],
);

export const commentMessages = sqliteTable(
  'comment_messages',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** For a message imported from a Word file whose author is not a member: their name (author_id is null). */
    guestName: text('guest_name'),
    /** Plain text; rendered as text, never as HTML. */
    body: text('body').notNull(),
    /** JSON array of the user ids mentioned with @. */
    mentions: text('mentions').notNull().default('[]'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('comment_messages_thread').on(table.threadId)],
);

/** One item in a writer's inbox: something a co-author did that concerns them. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    /** Who it is for. */
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    /** The thread it is about, if any (the item opens the manuscript at its passage). */
    threadId: text('thread_id'),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** A short excerpt shown in the inbox (the comment, or the quoted passage). */
    excerpt: text('excerpt').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    /** When it went out by email (immediately or in a digest); null while it has not. */
    emailedAt: integer('emailed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('notifications_user_created').on(table.userId, table.createdAt)],
);

/** Which inbox items a writer wants, and whether by email; absent means the defaults. */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** JSON array of the kinds shown (and emailed). */
  kinds: text('kinds').notNull(),
  email: text('email', { enum: EMAIL_MODES }).notNull().default('off'),
  lastDigestAt: integer('last_digest_at', { mode: 'timestamp_ms' }),
});

/** A forgotten-password reset: a single-use token, kept only as its hash, until it expires. */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the emailed token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when the token is spent; a spent token never works again. */
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (table) => [uniqueIndex('password_resets_token').on(table.tokenHash), index('password_resets_user').on(table.userId)],
);

/** How the writing room looks for a writer on every device (theme, text font and size…); absent means the defaults. */
export const writerAppearance = sqliteTable('writer_appearance', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** JSON, read through lib/appearance (unknown fields fall back to defaults). */
  settings: text('settings').notNull(),
});
