import { SMTPServer } from 'smtp-server';
import { test } from './fixtures';
import { SMTP_PORT } from './writers';

export interface ReceivedMail {
  to: string[];
  text: string;
}

/**
 * A local SMTP server on the journeys' mail port for the spec that calls this, keeping what it
 * receives (quoted-printable soft breaks joined). Returns the list it fills.
 */
export function keepMail(): ReceivedMail[] {
  const mail: ReceivedMail[] = [];
  let smtp: SMTPServer;
  test.beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mail.push({ to: session.envelope.rcptTo.map((r) => r.address), text: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, '127.0.0.1', resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  return mail;
}
