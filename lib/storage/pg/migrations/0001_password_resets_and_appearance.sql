-- The tables SQLite gained after 0000 mirrored it (lib/db/migrations 0007 and 0008); times are epoch milliseconds.
CREATE TABLE password_resets (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint,
  created_at bigint NOT NULL DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint
);
CREATE UNIQUE INDEX password_resets_token ON password_resets (token_hash);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE writer_appearance (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  settings text NOT NULL
);
