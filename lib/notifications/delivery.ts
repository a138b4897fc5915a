import { readEnv, type Env } from '../config/env';
import { createInbox, type Inbox, type InboxStorage } from './inbox';
import { createSmtpMailer, sendDueDigests, sendImmediate, type Mailer } from './mail';
import { processInboxSignal } from './signal';

/** How often a process looks for writers whose daily digest is due. */
const DIGEST_CHECK_MS = 15 * 60 * 1000;

export const appUrlOf = (env: Env) => env.APP_URL ?? `http://localhost:${env.PORT}`;

/**
 * The inbox with email delivery as configured: with `SMTP_URL`, items go out at once to writers who
 * chose immediate email; without it, items are only shown in the app. Either way, open inbox
 * streams hear of new items through the inbox signal.
 */
export function inboxFromEnv(storage: InboxStorage, env: Env = readEnv(), mailer: Mailer | null = env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : null): Inbox {
  const announce = processInboxSignal(env).publish;
  if (!mailer) return createInbox(storage, undefined, announce);
  const deliver = (ids: string[]) => {
    sendImmediate(storage.notifications, mailer, appUrlOf(env), ids).catch((error: unknown) => console.error('[inbox] email failed', (error as Error).message));
  };
  return createInbox(storage, deliver, announce);
}

/** Sends due daily digests now and every quarter hour; returns a stop function. Does nothing without `SMTP_URL`. */
export function startDigests(storage: Pick<InboxStorage, 'notifications'>, env: Env = readEnv()): () => void {
  if (!env.SMTP_URL) return () => {};
  const mailer = createSmtpMailer(env.SMTP_URL, env.MAIL_FROM);
  const run = () => void sendDueDigests(storage.notifications, mailer, appUrlOf(env)).catch((error: unknown) => console.error('[inbox] digest failed', (error as Error).message));
  const timer = setInterval(run, DIGEST_CHECK_MS);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
