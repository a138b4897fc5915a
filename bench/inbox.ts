/**
 * The inbox bell's event stream at scale: 500 open streams (10 tabs each for 50 writers) against the
 * production web server on the embedded SQLite default. Counts the statements the web process runs
 * per second (bench/inbox-count-queries.mjs) and its CPU, first with nothing happening, then while
 * another process (as collab does) adds inbox items at INBOX_RATE per second, with the time from an
 * item stored to its writer's streams hearing of it. Writes bench/results/inbox-<label>.json.
 *   npm run bench:inbox -- --label after    (INBOX_STREAMS, INBOX_SECONDS, INBOX_RATE, REDIS_URL)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { encodeNewManuscript } from '../lib/manuscript/binder';
import { inboxFromEnv } from '../lib/notifications/delivery';
import { openStorage } from '../lib/storage/open';
import { readEnv } from '../lib/config/env';

const STREAMS = Number(process.env.INBOX_STREAMS ?? 500);
const WRITERS = 50;
const SECONDS = Number(process.env.INBOX_SECONDS ?? 20);
const RATE = Number(process.env.INBOX_RATE ?? 5);
const PORT = Number(process.env.INBOX_PORT ?? 3670);
const label = process.argv.includes('--label') ? process.argv[process.argv.indexOf('--label') + 1]! : 'run';
const root = path.resolve(__dirname, '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds the process has used (user + system). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-bench-inbox-'));
  const databaseUrl = `file:${path.join(dir, 'inbox.db')}`;
  const countFile = path.join(dir, 'queries');
  // Every thread of the web process that runs statements keeps its own count (bench/inbox-count-queries.mjs).
  const queries = () =>
    fs
      .readdirSync(dir)
      .filter((name) => /^queries\.\d+\.\d+$/.test(name))
      .reduce((sum, name) => sum + Number(fs.readFileSync(path.join(dir, name), 'utf8')), 0);
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0', PORT: String(PORT), NODE_ENV: 'production' as const, SMTP_URL: '' };
  delete (env as NodeJS.ProcessEnv).SMTP_URL;
  const storage = await openStorage(databaseUrl);
  const actor = await storage.users.create({ email: 'actor@bench.test', name: 'Actor', color: '#336699', passwordHash: null });
  const manuscript = await storage.manuscripts.create({ title: 'Benched', ownerId: actor.id, initialUpdate: encodeNewManuscript() });
  const writers: { id: string; token: string }[] = [];
  for (let i = 0; i < WRITERS; i += 1) {
    const user = await storage.users.create({ email: `writer${i}@bench.test`, name: `Writer ${i}`, color: '#336699', passwordHash: null });
    await storage.members.shareByEmail({ manuscriptId: manuscript.id, email: user.email, role: 'editor', invitedBy: actor.id });
    writers.push({ id: user.id, token: (await storage.users.createApiToken(user.id, 'bench')).token });
  }

  const web = spawn(process.execPath, ['--import', './bench/inbox-count-queries.mjs', '--import', 'tsx', 'scripts/web-server.ts'], {
    cwd: root,
    env: { ...env, BENCH_QUERY_COUNT_FILE: countFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (await fetch(`http://127.0.0.1:${PORT}/healthz`).then((r) => r.ok, () => false)) break;
    await sleep(200);
  }

  // Each stream reports the unread counts it hears, to whoever waits for its writer.
  const heard = new Map<string, (() => void)[]>();
  const hear = (userId: string) => {
    for (const resolve of heard.get(userId)?.splice(0) ?? []) resolve();
  };
  let opened = 0;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const requests = writers.flatMap((writer) => Array.from({ length: STREAMS / WRITERS }, () => writer)).map(
    (writer) =>
      new Promise<void>((resolve) => {
        http.get({ host: '127.0.0.1', port: PORT, path: '/api/notifications/stream', agent, headers: { authorization: `Bearer ${writer.token}`, accept: 'text/event-stream' } }, (response) => {
          let first = true;
          response.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('"unread"')) hear(writer.id);
            if (first) {
              first = false;
              opened += 1;
              resolve();
            }
          });
        });
      }),
  );
  await Promise.all(requests);
  await sleep(2_000);

  const measure = async (during: () => Promise<void>) => {
    const queries0 = queries();
    const cpu0 = cpuSeconds(web.pid!);
    const started = Date.now();
    await during();
    await sleep(300);
    const seconds = (Date.now() - started) / 1000;
    return { queriesPerSecond: (queries() - queries0) / seconds, cpuPercent: ((cpuSeconds(web.pid!) - cpu0) / seconds) * 100 };
  };

  const idle = await measure(async () => void (await sleep(SECONDS * 1000)));
  const inbox = inboxFromEnv(storage, readEnv(env));
  const latencies: number[] = [];
  let unheard = 0;
  const busy = await measure(async () => {
    const until = Date.now() + SECONDS * 1000;
    while (Date.now() < until) {
      const writer = writers[Math.floor(Math.random() * writers.length)]!;
      const sent = Date.now();
      const told = new Promise<boolean>((resolve) => {
        heard.set(writer.id, [...(heard.get(writer.id) ?? []), () => resolve(true)]);
        setTimeout(() => resolve(false), 5_000);
      });
      await inbox.shared({ manuscriptId: manuscript.id, userId: writer.id, actorId: actor.id, role: 'editor' });
      void told.then((ok) => (ok ? latencies.push(Date.now() - sent) : (unheard += 1)));
      await sleep(1000 / RATE);
    }
    await sleep(5_000);
  });

  web.kill('SIGTERM');
  await storage.close();
  const result = {
    label,
    when: new Date().toISOString(),
    uptime: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    streams: opened,
    signal: process.env.REDIS_URL ? 'redis' : 'default',
    idle: { queriesPerSecond: Math.round(idle.queriesPerSecond * 10) / 10, cpuPercent: Math.round(idle.cpuPercent * 10) / 10 },
    busy: {
      ratePerSecond: RATE,
      queriesPerSecond: Math.round(busy.queriesPerSecond * 10) / 10,
      cpuPercent: Math.round(busy.cpuPercent * 10) / 10,
      deliveredP50Ms: percentile(latencies, 50),
      deliveredP95Ms: percentile(latencies, 95),
      unheardWithin5s: unheard,
    },
  };
  console.log(`inbox streams (${label}, ${result.signal} signal; load average ${result.uptime})`);
  console.table({
    'idle, 500 streams': { 'queries/s': result.idle.queriesPerSecond, 'web CPU %': result.idle.cpuPercent },
    [`${RATE} items/s`]: { 'queries/s': result.busy.queriesPerSecond, 'web CPU %': result.busy.cpuPercent, 'heard p50 ms': result.busy.deliveredP50Ms, 'heard p95 ms': result.busy.deliveredP95Ms, unheard },
  });
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', `inbox-${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
