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
import { collabUrlForJobs } from '../lib/collab/live-room';
import { probeCollab } from '../lib/http/collab-probe';
import { drainable } from '../lib/http/http-drain';
import { exitWithin, STOP_DEADLINE_MS } from '../lib/process/stop-deadline';

const env = readEnv();

const app = next({ dev: false, dir: path.resolve(__dirname, '..'), port: env.PORT });
const handle = app.getRequestHandler();

// Readiness asks the store itself, on a handle of its own (the app's handle lives inside Next's bundle),
// and collab at the address imports and restores use.
let probe: Promise<Storage> | undefined;
const ops = createWebOps({
  async checkReady() {
    // Opened on the first probe and again after a failed open (the store may come up after the web process).
    probe ??= openStorage(env.DATABASE_URL).catch((error: unknown) => {
      probe = undefined;
      throw error;
    });
    await (await probe).ping();
    await probeCollab(collabUrlForJobs(env));
  },
});

app.prepare().then(() => {
  const server = http.createServer((request, response) => {
    if (ops.route(request, response)) return;
    ops.observe(request, response);
    admitForwarding(request.headers, request.socket.remoteAddress, env.TRUST_PROXY);
    void handle(request, response);
  });
  const draining = drainable(server);
  server.listen(env.PORT, () => console.log(`[web] listening on port ${env.PORT}${env.TRUST_PROXY ? `, trusting ${env.TRUST_PROXY} proxy hop(s)` : ''}`));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[web] ${signal}: finishing requests in flight, ending event streams`);
    // The drain cuts what is left at the deadline; the exit timer covers anything else that hangs.
    exitWithin(STOP_DEADLINE_MS + 2_000, (line) => console.error(`[web] ${line}`));
    void draining.drain(STOP_DEADLINE_MS).then((outcome) => {
      if (outcome === 'cut') console.error(`[web] connections still open after ${STOP_DEADLINE_MS / 1000} s were cut`);
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
});
