/**
 * The web process: Next.js behind a front door that makes forwarding headers truthful before the
 * app reads them (`next start` keeps a client's own X-Forwarded-For, so a client could pick its
 * address). Started by `npm start`; the app itself is unchanged.
 */
import http from 'node:http';
import path from 'node:path';
import { openStorage } from '../lib/storage/open';
import type { Storage } from '../lib/storage/storage';
import { admitForwarding } from '../lib/http/client-address';
import { createWebOps } from '../lib/http/web-ops';
import next from 'next';
import { readEnv } from '../lib/config/env';

const env = readEnv();

const app = next({ dev: false, dir: path.resolve(__dirname, '..'), port: env.PORT });
const handle = app.getRequestHandler();

// Readiness asks the store itself, on a handle of its own (the app's handle lives inside Next's bundle).
let probe: Promise<Storage> | undefined;
const ops = createWebOps({
  async checkReady() {
    // Opened on the first probe and again after a failed open (the store may come up after the web process).
    probe ??= openStorage(env.DATABASE_URL).catch((error: unknown) => {
      probe = undefined;
      throw error;
    });
    await (await probe).ping();
  },
});

app.prepare().then(() => {
  const server = http.createServer((request, response) => {
    if (ops.route(request, response)) return;
    ops.observe(request, response);
    admitForwarding(request.headers, request.socket.remoteAddress, env.TRUST_PROXY);
    void handle(request, response);
  });
  server.listen(env.PORT, () => console.log(`[web] listening on port ${env.PORT}${env.TRUST_PROXY ? `, trusting ${env.TRUST_PROXY} proxy hop(s)` : ''}`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
