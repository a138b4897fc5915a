import { z } from 'zod';

/** The SQLite file used when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = 'file:./data/scriptorium.db';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Every environment variable Scriptorium reads, with its default. The README's table mirrors this. */
export const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  /** Signs tokens and sessions; `npm start` generates one into data/secret on first run. */
  AUTH_SECRET: z.string().min(32).optional(),
  PORT: port.default(3000),
  COLLAB_PORT: port.default(1234),
  COLLAB_HOST: z.string().default('0.0.0.0'),
  /** The collab URL browsers connect to; default: same host as the page, port COLLAB_PORT. */
  COLLAB_PUBLIC_URL: z.string().url().optional(),
  /**
   * Where web (and the CLI) reach collab to write into a live room (importing an editor's changes);
   * default: COLLAB_PUBLIC_URL if set, else ws://127.0.0.1:COLLAB_PORT.
   */
  COLLAB_INTERNAL_URL: z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL').optional(),
  /** Largest WebSocket frame accepted from a writer (an offline session's changes arrive as one); larger frames close with 1009. */
  COLLAB_MAX_MESSAGE_BYTES: positiveInt.default(64 * 1024 * 1024),
  /** Group commit: at most one log transaction (one fsync) per this many ms; updates arriving meanwhile share it. */
  COLLAB_COMMIT_WINDOW_MS: z.coerce.number().min(0).default(20),
  /** Open collab connections one account may hold at once (tabs, devices). */
  COLLAB_MAX_SOCKETS_PER_USER: positiveInt.default(20),
  /** How long an empty room stays loaded before it is compacted and unloaded. */
  COLLAB_ROOM_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Interval between keepalive pings; a connection that misses one is dropped. */
  COLLAB_PING_INTERVAL_MS: positiveInt.default(30_000),
  /** How often the collab server re-reads members' roles; a change or removal reaches open connections within it. */
  COLLAB_ROLE_RECHECK_MS: positiveInt.default(2_000),
  /** While people write, an automatic checkpoint of the manuscript is kept at most this often. */
  COLLAB_CHECKPOINT_INTERVAL_MS: positiveInt.default(5 * 60_000),
  /** Stored updates after which a room folds its log into one snapshot row. */
  COLLAB_COMPACT_EVERY_UPDATES: positiveInt.default(500),
  /**
   * How many proxies in front of the web server to believe about the client: 0 (default) ignores
   * X-Forwarded-For/-Proto/-Host entirely; N takes the address N hops from the server, read from
   * the right of X-Forwarded-For (1 = one nginx or load balancer in front).
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Redis shared by every instance: collab instances fan updates, carets and comment events out through
   * it, and web instances share sign-in limits. Unset, one collab instance serves everyone.
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Prefixes every Redis channel and key, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('scriptorium'),
  /** When set (smtp://user:pass@host:port or smtps://…), inbox items are emailed to writers who ask for it. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  /** The From: of those emails. */
  MAIL_FROM: z.string().min(3).default('Scriptorium <no-reply@localhost>'),
  /** The address writers open Scriptorium at, for links in emails; default http://localhost:PORT. */
  APP_URL: z.string().url().optional(),
  /** Who may create an account: anyone (open), only someone invited (invite), nobody (closed: CLI `user:create` only). */
  SIGNUP: z.enum(['open', 'invite', 'closed']).default('open'),
  /** OAuth sign-in is offered for each provider whose id and secret are both set. */
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment once; a bad value stops start-up with every problem listed. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}
