import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../lib/notifications/testing/smtp-sink';
import { test } from './fixtures';
import { SMTP_PORT } from './writers';

export type { ReceivedMail };

/**
 * A local SMTP server on the journeys' mail port for the spec that calls this, keeping what it
 * receives (quoted-printable soft breaks joined). Returns the list it fills.
 */
export function keepMail(): ReceivedMail[] {
  const mail: ReceivedMail[] = [];
  let sink: SmtpSink;
  test.beforeAll(async () => {
    sink = await startSmtpSink({ port: SMTP_PORT, received: mail });
  });
  test.afterAll(() => sink.close());
  return mail;
}
