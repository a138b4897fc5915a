import nodemailer from 'nodemailer';
import type { NotificationView } from '../storage/records';
import type { NotificationStore } from '../storage/storage';

/** The one thing we need from a mail transport (nodemailer's, or a test's). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** A nodemailer transport for `SMTP_URL` (smtp:// or smtps://, with credentials in the URL). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One line that says what happened, as the inbox says it. */
export function describeNotification(item: Pick<NotificationView, 'kind' | 'actorName' | 'manuscriptTitle'>): string {
  switch (item.kind) {
    case 'mention':
      return `${item.actorName} mentioned you in “${item.manuscriptTitle}”`;
    case 'reply':
      return `${item.actorName} replied in a thread you're in, in “${item.manuscriptTitle}”`;
    case 'resolved':
      return `${item.actorName} resolved your comment in “${item.manuscriptTitle}”`;
    case 'reopened':
      return `${item.actorName} reopened your comment in “${item.manuscriptTitle}”`;
    case 'shared':
      return `${item.actorName} shared “${item.manuscriptTitle}” with you`;
    case 'draft-restored':
      return `${item.actorName} restored a draft of “${item.manuscriptTitle}”`;
  }
}

export function linkTo(appUrl: string, item: Pick<NotificationView, 'manuscriptId' | 'threadId'>): string {
  return `${appUrl.replace(/\/$/, '')}/m/${item.manuscriptId}${item.threadId ? `?thread=${item.threadId}` : ''}`;
}

const itemText = (appUrl: string, item: NotificationView) => `${describeNotification(item)}:\n  ${item.excerpt}\n  ${linkTo(appUrl, item)}`;

/** Emails each of these items now to its writer, if they chose immediate email for it. */
export async function sendImmediate(store: NotificationStore, mailer: Mailer, appUrl: string, ids: string[]): Promise<number> {
  const items = [];
  for (const item of await store.toEmail({ ids })) {
    if ((await store.getSettings(item.userId)).email === 'immediate') items.push(item);
  }
  for (const item of items) {
    await mailer.send({ to: item.email, subject: describeNotification(item), text: `${itemText(appUrl, item)}\n\nChange what you hear about in Settings: ${appUrl.replace(/\/$/, '')}/settings\n` });
    await store.markEmailed([item.id]);
  }
  return items.length;
}

/** Sends each daily-digest writer whose last digest is a day old one email of their unread, unsent items. */
export async function sendDueDigests(store: NotificationStore, mailer: Mailer, appUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  const before = new Date(now.getTime() - DAY_MS);
  for (const userId of await store.digestRecipients(before)) {
    // Several instances may look at once: only the one that claims the digest sends it.
    if (!(await store.claimDigest(userId, before, now))) continue;
    const items = await store.toEmail({ userId });
    if (items.length > 0) {
      await mailer.send({
        to: items[0]!.email,
        subject: `Scriptorium: ${items.length} new ${items.length === 1 ? 'thing' : 'things'} for you`,
        text: `${items.map((item) => itemText(appUrl, item)).join('\n\n')}\n\nChange what you hear about in Settings: ${appUrl.replace(/\/$/, '')}/settings\n`,
      });
      await store.markEmailed(items.map((item) => item.id));
      sent += 1;
    }
  }
  return sent;
}
