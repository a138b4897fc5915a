import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The message as sent, quoted-printable soft line breaks joined, so assertions read the text as written. */
  text: string;
}

export interface SmtpSink {
  /** Every message received so far, in order. */
  received: ReceivedMail[];
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * A local SMTP server on 127.0.0.1 that keeps every message it receives: on `port` (0, the default,
 * picks a free one), into `received` when the caller holds the list before the server starts.
 */
export async function startSmtpSink({ port = 0, received = [] }: { port?: number; received?: ReceivedMail[] } = {}): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), text: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return { received, port: bound, url: `smtp://127.0.0.1:${bound}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
