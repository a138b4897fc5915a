-- The same tables as the SQLite schema (lib/db/schema.ts); times are epoch milliseconds, as there.
CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  color text NOT NULL,
  password_hash text,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE manuscripts (
  id text PRIMARY KEY,
  title text NOT NULL,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  updated_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  quarantined_at bigint,
  quarantine_reason text,
  deleted_at bigint,
  last_edited_by text REFERENCES users (id) ON DELETE SET NULL,
  word_count integer NOT NULL DEFAULT 0,
  author_legal_name text NOT NULL DEFAULT '',
  byline text NOT NULL DEFAULT '',
  contact_address text NOT NULL DEFAULT '',
  contact_email text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  genre text NOT NULL DEFAULT '',
  running_head_keyword text NOT NULL DEFAULT '',
  target_words integer,
  deadline text
);

CREATE TABLE memberships (
  manuscript_id text NOT NULL REFERENCES manuscripts (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  PRIMARY KEY (manuscript_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invitations (
  id text PRIMARY KEY,
  manuscript_id text NOT NULL REFERENCES manuscripts (id) ON DELETE CASCADE,
  email text,
  token_hash text,
  role text NOT NULL,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint
);
CREATE INDEX invitations_email ON invitations (email);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  last_used_at bigint
);

-- The append-only update log; seq comes from one sequence, so a row may commit after a higher seq.
CREATE TABLE document_updates (
  seq bigserial PRIMARY KEY,
  manuscript_id text NOT NULL REFERENCES manuscripts (id) ON DELETE CASCADE,
  bytes bytea NOT NULL,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint
);
CREATE INDEX document_updates_manuscript_seq ON document_updates (manuscript_id, seq);

CREATE TABLE drafts (
  id text PRIMARY KEY,
  manuscript_id text NOT NULL REFERENCES manuscripts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('draft', 'checkpoint')),
  name text NOT NULL,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  changed_by text NOT NULL DEFAULT '',
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  word_count integer NOT NULL DEFAULT 0,
  state bytea NOT NULL
);
CREATE INDEX drafts_manuscript_created ON drafts (manuscript_id, created_at);

CREATE TABLE comment_threads (
  id text PRIMARY KEY,
  manuscript_id text NOT NULL REFERENCES manuscripts (id) ON DELETE CASCADE,
  scene_id text NOT NULL,
  anchor_start text NOT NULL,
  anchor_end text NOT NULL,
  quote text NOT NULL,
  quote_prefix text NOT NULL DEFAULT '',
  quote_suffix text NOT NULL DEFAULT '',
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  resolved_at bigint,
  resolved_by text REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX comment_threads_manuscript ON comment_threads (manuscript_id);

CREATE TABLE comment_messages (
  id text PRIMARY KEY,
  thread_id text NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
  author_id text REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  mentions text NOT NULL DEFAULT '[]',
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  edited_at bigint,
  deleted_at bigint
);
CREATE INDEX comment_messages_thread ON comment_messages (thread_id);

CREATE TABLE notification_settings (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  kinds text NOT NULL,
  email text NOT NULL DEFAULT 'off',
  last_digest_at bigint
);

CREATE TABLE notifications (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  manuscript_id text NOT NULL REFERENCES manuscripts (id) ON DELETE CASCADE,
  thread_id text,
  actor_id text REFERENCES users (id) ON DELETE SET NULL,
  excerpt text NOT NULL DEFAULT '',
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint,
  read_at bigint,
  emailed_at bigint
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at);
