import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../config/env';
import { createFileSignal } from './file-signal';
import { createRedisSignal } from './redis-signal';

/**
 * "These writers' inboxes changed", carried between processes (collab stores most inbox items; web
 * serves the streams), so a stream queries when something changed instead of every second. Lossy by
 * design: a stream still re-checks on a slow timer.
 */
export interface InboxSignal {
  /** Tells every process; never throws (a lost signal is caught by the slow re-check). */
  publish(userIds: string[]): void;
  /** Hears changed writers, or `all` after a gap in which signals may have been lost (a reconnect, a reset). */
  subscribe(onChange: (userIds: string[] | 'all') => void): () => void;
  close(): Promise<void>;
}

const noSignal: InboxSignal = { publish() {}, subscribe: () => () => {}, close: async () => {} };

/**
 * Redis pub/sub when REDIS_URL is set (every host hears); otherwise a small append-only file that
 * every process on this host checks a few times a second (beside the SQLite file, or in the
 * temporary folder for PostgreSQL without Redis); nothing for an in-memory database.
 */
export function inboxSignalFor(env: Pick<Env, 'DATABASE_URL' | 'REDIS_URL' | 'REDIS_PREFIX'>): InboxSignal {
  if (env.REDIS_URL) return createRedisSignal(env.REDIS_URL, `${env.REDIS_PREFIX}:inbox`);
  const url = env.DATABASE_URL;
  if (url === ':memory:' || url === 'file::memory:') return noSignal;
  if (url.startsWith('file:') || !url.includes('://')) return createFileSignal(`${path.resolve(url.replace(/^file:/, ''))}-inbox`);
  return createFileSignal(path.join(os.tmpdir(), `scriptorium-inbox-${crypto.createHash('sha256').update(url).digest('hex').slice(0, 16)}`));
}

const PROCESS_SIGNAL = Symbol.for('scriptorium.inbox-signal');

/** One signal per process (Next may load this module more than once; the key on globalThis is shared). */
export function processInboxSignal(env: Pick<Env, 'DATABASE_URL' | 'REDIS_URL' | 'REDIS_PREFIX'>): InboxSignal {
  const holder = globalThis as { [PROCESS_SIGNAL]?: InboxSignal };
  holder[PROCESS_SIGNAL] ??= inboxSignalFor(env);
  return holder[PROCESS_SIGNAL];
}
