/**
 * Scale-out beside the single instance, in one run, with bench/collab.ts's scenarios and clients:
 * one instance on SQLite (the default), one on PostgreSQL, and two on PostgreSQL joined by Redis
 * with every writer and reader on different instances (each keystroke crosses Redis). Needs the
 * machine's PostgreSQL and Redis (npm test starts them). Prints a table, writes bench/results/cluster.json.
 *
 *   npm run bench:cluster            (BENCH_QUICK=1 for a short smoke run)
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PROTOCOL_VERSION } from '../lib/collab/protocol';
import { formatRoomName } from '../lib/collab/room-name';
import { newId } from '../lib/storage/secrets';
import { encodeNewManuscript } from '../lib/manuscript/binder';
import { openStorage } from '../lib/storage/open';
import type { User } from '../lib/storage/records';
import type { Storage } from '../lib/storage/storage';
import { buildCollab, COLLAB_ENTRY } from '../scripts/build-collab';
import { seedManuscriptIn, seedWriterIn, TEST_SECRET, tokenIn } from '../server/testing/fixtures';
import { TEST_POSTGRES_URL } from '../lib/storage/testing/engines';
import { keystrokeToPeers, printTable, quantile, scriptorium, sleep, spawnServer, steadyTyping, throughputRamp, yWebsocketClient, type Peer } from './collab';

const QUICK = process.env.BENCH_QUICK === '1';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.resolve(__dirname, '..');

/** `instances` collab processes on one fresh PostgreSQL database (and Redis when more than one); clients alternate between them. */
function postgresPeer(name: string, instances: number): Peer {
  const database = `bench_${newId(8)}`;
  const url = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${database}`);
  let storage: Storage;
  let owner: User;
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  /** Per room, how many clients joined: the next goes to the next instance. */
  const joined = new Map<string, number>();
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  return {
    name,
    async start() {
      await buildCollab(root);
      await admin(`CREATE DATABASE ${database}`);
      storage = await openStorage(url);
      owner = await seedWriterIn(storage, 'Bench');
      const prefix = `bench-${newId(6)}`;
      for (let i = 0; i < instances; i++) {
        const { child, port } = await spawnServer([COLLAB_ENTRY], {
          AUTH_SECRET: TEST_SECRET,
          DATABASE_URL: url,
          ...(instances > 1 ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
          COLLAB_PORT: '0',
          COLLAB_HOST: '127.0.0.1',
          COLLAB_ROOM_GRACE_MS: '60000',
        });
        children.push(child);
        ports.push(port);
      }
    },
    async room(initial) {
      return (await seedManuscriptIn(storage, owner, 'Bench', initial ?? encodeNewManuscript())).id;
    },
    async prepare(room) {
      const writer = await seedWriterIn(storage, 'Writer');
      await storage.members.shareByEmail({ manuscriptId: room, email: writer.email, role: 'editor', invitedBy: owner.id });
      const token = await tokenIn(storage, writer, room);
      const index = joined.get(room) ?? 0;
      joined.set(room, index + 1);
      const port = ports[index % ports.length]!;
      return () => yWebsocketClient(`ws://127.0.0.1:${port}`, formatRoomName(room), { token, v: String(PROTOCOL_VERSION) }, true);
    },
    async connect(room) {
      return (await this.prepare(room))();
    },
    pid: () => children[0]!.pid!,
    async stop() {
      for (const child of children) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await storage.close();
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

async function measure(peer: Peer) {
  await peer.start();
  await sleep(1000);
  const two = await keystrokeToPeers(peer, 2, QUICK ? 100 : 400);
  const twenty = await keystrokeToPeers(peer, 20, QUICK ? 20 : 100);
  const steady = await steadyTyping(peer, QUICK ? 50 : 200, 3, QUICK ? 5 : 20);
  const ramp = await throughputRamp(peer, QUICK ? [5, 40] : [5, 10, 20, 40, 80, 160], 50, QUICK ? 3 : 6);
  await peer.stop();
  console.log(`[bench] ${peer.name}: done`);
  return { two: { p50: quantile(two, 0.5), p99: quantile(two, 0.99) }, twenty: { p50: quantile(twenty, 0.5), p99: quantile(twenty, 0.99) }, steady, ramp };
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const peers = [scriptorium(), postgresPeer('1 instance, PostgreSQL', 1), postgresPeer('2 instances via Redis', 2)];
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const peer of peers) results[peer.name] = await measure(peer);
  const loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ');

  const f = (n: number | null, digits = 2) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(digits));
  const knee = (r: Awaited<ReturnType<typeof measure>>['ramp']) => (r.knee === null ? `> ${r.reached.toFixed(0)}` : `~${r.knee.toFixed(0)}`);
  const names = Object.keys(results);
  const columns = names.map((name) => results[name]!);
  const rows: string[][] = [
    ['2 clients, keystroke to peer, p50 / p99 ms', ...columns.map((r) => `${f(r.two.p50)} / ${f(r.two.p99)}`)],
    ['20 clients, p50 / p99 ms', ...columns.map((r) => `${f(r.twenty.p50)} / ${f(r.twenty.p99)}`)],
    [`${QUICK ? 50 : 200} manuscripts × 2 clients, 3 edits/s each: p50 / p99 ms`, ...columns.map((r) => `${f(r.steady.p50)} / ${f(r.steady.p99)}`)],
    ['throughput before p99 passes 100 ms, updates/s', ...columns.map((r) => knee(r.ramp))],
  ];
  const header = ['scenario', 'Scriptorium, SQLite (default)', ...names.slice(1)];
  printTable(header, rows, `load average before ${load}, after ${loadAfter}; ${os.cpus().length} cores; Node ${process.version}`);
  const out = path.join(root, 'bench', 'results', 'cluster.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), quick: QUICK, load: { before: load, after: loadAfter }, machine: { cpus: os.cpus().length, node: process.version }, results, table: rows }, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(root, out)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
