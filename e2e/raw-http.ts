import http from 'node:http';

/** The web server as a client on another machine would reach it: from its own loopback address, Host: localhost. */
export interface From {
  /** A loopback address of this machine (127.0.0.2, 127.0.0.3…): each is a different client to the server. */
  address: string;
  port: number;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(from: From, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port: from.port, localAddress: from.address, method, path, headers: { host: `localhost:${from.port}`, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const cookiesOf = (answer: Answer) => (answer.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]!).join('; ');

/**
 * One credentials sign-in through next-auth's own endpoints, as the sign-in form does it. Answers
 * 'signed-in', 'wrong' or 'rate-limited'. `headers` lets a test forge what a client may claim.
 */
export async function signInOverHttp(from: From, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await request(from, 'GET', '/api/auth/csrf', headers);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password }).toString();
  const answer = await request(
    from,
    'POST',
    '/api/auth/callback/credentials',
    { ...headers, cookie: cookiesOf(csrf), 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)) },
    form,
  );
  const location = new URL(String(answer.headers.location), `http://localhost:${from.port}`);
  if (location.searchParams.get('code') === 'rate_limited') return 'rate-limited';
  if (location.searchParams.has('error')) return 'wrong';
  if (!cookiesOf(answer).includes('session-token=')) throw new Error(`unexpected sign-in answer ${answer.status} ${location}`);
  return 'signed-in';
}

/**
 * Streams `totalBytes` of an upload (declared up front or chunked) until the server answers, and
 * reports how many bytes had been handed to the socket by then.
 */
export function uploadUntilAnswered(
  from: From,
  path: string,
  options: { token: string; totalBytes: number; declareLength: boolean },
): Promise<{ status: number; body: string; bytesSentBeforeAnswer: number }> {
  return new Promise((resolve, reject) => {
    const boundary = 'scriptorium-upload-boundary';
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (options.declareLength) headers['content-length'] = String(options.totalBytes);
    const outgoing = http.request({ host: '127.0.0.1', port: from.port, localAddress: from.address, method: 'POST', path, headers: { host: `localhost:${from.port}`, ...headers } });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const pump = () => {
      while (!answered && sent < options.totalBytes) {
        sent += chunk.byteLength;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      if (!answered) outgoing.end();
    };
    outgoing.on('response', (response) => {
      answered = true;
      const bytesSentBeforeAnswer = sent;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => {
        outgoing.destroy();
        resolve({ status: response.statusCode ?? 0, body, bytesSentBeforeAnswer });
      });
    });
    // The server may close the socket once it has refused the upload; the answer has arrived by then.
    outgoing.on('error', (error) => (answered ? undefined : reject(error)));
    outgoing.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    pump();
  });
}
