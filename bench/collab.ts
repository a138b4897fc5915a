/**
 * The collab server beside its open-source peers, in one run, on loopback, with the same headless
 * clients: our server through its production start (bundled JavaScript, SQLite with group commit,
 * auth, every update stored), @y/websocket-server 0.1.1 (in memory, no auth) and Hocuspocus 4.7
 * (in memory, no extensions). Prints one table and writes bench/results/collab.json.
 *
 *   npm run bench:collab            (BENCH_QUICK=1 for a short smoke run)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket as WebSocketPolyfill } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PROTOCOL_VERSION } from '../lib/collab/protocol';
import { formatRoomName } from '../lib/collab/room-name';
import { encodeNewManuscript } from '../lib/manuscript/binder';
import { openStorage } from '../lib/storage/open';
import type { User } from '../lib/storage/records';
import type { Storage } from '../lib/storage/storage';
import { buildCollab, COLLAB_ENTRY } from '../scripts/build-collab';
import { seedManuscriptIn, seedWriterIn, TEST_SECRET, tokenIn } from '../server/testing/fixtures';
import { buildManuscript } from './manuscript';
import { measureSuggestionCheck } from './suggestion-check';

const QUICK = process.env.BENCH_QUICK === '1';
const root = path.resolve(__dirname, '..');

// ---------------------------------------------------------------- statistics

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
export const quantile = (values: number[], q: number) => (values.length === 0 ? NaN : sorted(values)[Math.min(values.length - 1, Math.floor(values.length * q))]!);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** A Markdown table with right-aligned figures, under a line saying what the machine was doing. */
export function printTable(header: string[], rows: string[][], conditions: string): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${conditions}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------- servers and clients

export interface Client {
  doc: Y.Doc;
  text: Y.Text;
  synced: Promise<void>;
  destroy(): void;
}

export interface Peer {
  name: string;
  start(): Promise<void>;
  /** A room with a fresh empty document (or the given initial state), ready for clients. */
  room(initial?: Uint8Array): Promise<string>;
  /** Whatever a client needs before it connects (an account, a token), done outside any timing; then `join` connects. */
  prepare(room: string): Promise<() => Client>;
  connect(room: string): Promise<Client>;
  pid(): number;
  /** Commits (fsyncs) and updates so far, for servers that store. */
  storage?(): Promise<{ commits: number; updates: number }>;
  stop(): Promise<void>;
}

export function spawnServer(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (?:ws:\/\/[^:]+:)?(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

export function yWebsocketClient(url: string, room: string, params: Record<string, string>, skipOwnTypes: boolean): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  // Our stored acks, role and comment events; the reference server never sends them.
  if (skipOwnTypes) for (const type of [100, 101, 103, 105]) provider.messageHandlers[type] = () => {};
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, text: doc.getText('t'), synced, destroy: () => (provider.destroy(), doc.destroy()) };
}

export function scriptorium(): Peer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-bench-'));
  let storage: Storage;
  let owner: User;
  let child: ChildProcess;
  let port = 0;
  return {
    name: 'Scriptorium',
    async start() {
      await buildCollab(root);
      storage = await openStorage(`file:${path.join(dir, 'bench.db')}`);
      owner = await seedWriterIn(storage, 'Bench');
      const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
      ({ child, port } = await spawnServer([...profile, COLLAB_ENTRY], {
        AUTH_SECRET: TEST_SECRET,
        DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
        COLLAB_PORT: '0',
        COLLAB_HOST: '127.0.0.1',
        COLLAB_ROOM_GRACE_MS: '60000',
      }));
    },
    async room(initial) {
      return (await seedManuscriptIn(storage, owner, 'Bench', initial ?? encodeNewManuscript())).id;
    },
    async prepare(room) {
      // Each client is its own writer, as in a real room (one account may hold at most 20 sockets).
      const writer = await seedWriterIn(storage, 'Writer');
      await storage.members.shareByEmail({ manuscriptId: room, email: writer.email, role: 'editor', invitedBy: owner.id });
      const token = await tokenIn(storage, writer, room);
      return () => yWebsocketClient(`ws://127.0.0.1:${port}`, formatRoomName(room), { token, v: String(PROTOCOL_VERSION) }, true);
    },
    async connect(room) {
      return (await this.prepare(room))();
    },
    pid: () => child.pid!,
    async storage() {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      return { commits: read('collab_commits_total'), updates: read('collab_updates_total') };
    },
    async stop() {
      child.kill(process.env.BENCH_PROFILE ? 'SIGINT' : 'SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A peer that keeps documents only in memory, started from its script in bench/peers/. */
function memoryPeer(name: string, script: string, client: (port: number, room: string) => Client): Peer {
  let child: ChildProcess;
  let port = 0;
  let rooms = 0;
  return {
    name,
    async start() {
      ({ child, port } = await spawnServer([script], { PORT: '0' }));
    },
    async room(initial) {
      const room = `bench-${rooms++}`;
      if (initial) await seedThroughClient(this, room, initial);
      return room;
    },
    prepare: async (room) => () => client(port, room),
    connect: async (room) => client(port, room),
    pid: () => child.pid!,
    async stop() {
      child.kill('SIGKILL');
    },
  };
}

const yWebsocketServer = () =>
  memoryPeer('@y/websocket-server', 'bench/peers/y-websocket-server.mjs', (port, room) => yWebsocketClient(`ws://127.0.0.1:${port}`, room, {}, false));
const hocuspocus = () => memoryPeer('Hocuspocus', 'bench/peers/hocuspocus.mjs', hocuspocusClient);

function hocuspocusClient(port: number, room: string): Client {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill });
  const provider = new HocuspocusProvider({ websocketProvider, name: room, document: doc });
  // A provider given its own socket must be attached to it.
  provider.attach();
  const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  return { doc, text: doc.getText('t'), synced, destroy: () => (provider.destroy(), websocketProvider.destroy(), doc.destroy()) };
}

/** Servers that keep documents only in memory get theirs from a first client, which then leaves. */
async function seedThroughClient(peer: Peer, room: string, initial: Uint8Array): Promise<void> {
  const client = await peer.connect(room);
  await client.synced;
  Y.applyUpdate(client.doc, initial);
  const probe = await peer.connect(room);
  await probe.synced;
  while (probe.doc.share.size === 0 || Y.encodeStateVector(probe.doc).length < Y.encodeStateVector(client.doc).length) await sleep(20);
  probe.destroy();
  client.destroy();
}

// ---------------------------------------------------------------- scenarios

/** One writer types a character at a time; every other client's delay in seeing it. */
export async function keystrokeToPeers(peer: Peer, clients: number, keystrokes: number): Promise<number[]> {
  const room = await peer.room();
  const all = await Promise.all(Array.from({ length: clients }, () => peer.connect(room)));
  await Promise.all(all.map((c) => c.synced));
  const samples: number[] = [];
  for (let k = 0; k < keystrokes; k++) {
    const typer = all[k % clients]!;
    const others = all.filter((c) => c !== typer);
    const expected = typer.text.length + 1;
    const seen = others.map(
      (other) =>
        new Promise<number>((resolve) => {
          const check = () => {
            if (other.text.length >= expected) {
              other.text.unobserve(check);
              resolve(performance.now());
            }
          };
          other.text.observe(check);
        }),
    );
    const sent = performance.now();
    typer.text.insert(typer.text.length, 'x');
    for (const at of await Promise.all(seen)) samples.push(at - sent);
    await sleep(2);
  }
  for (const c of all) c.destroy();
  return samples;
}

async function connectMany(peer: Peer, clients: number): Promise<number> {
  const room = await peer.room();
  const joins = [];
  for (let i = 0; i < clients; i++) joins.push(await peer.prepare(room));
  const started = performance.now();
  const all = joins.map((join) => join());
  await Promise.all(all.map((c) => c.synced));
  const elapsed = performance.now() - started;
  for (const c of all) c.destroy();
  return elapsed;
}

/**
 * `pairs` manuscripts, each with a writer typing `rate` characters a second and a reader: the
 * reader's delay per character, the server's CPU per edit, and (ours) commits per update.
 */
export async function steadyTyping(peer: Peer, pairs: number, rate: number, seconds: number) {
  const rooms = await Promise.all(Array.from({ length: pairs }, () => peer.room()));
  const writers: Client[] = [];
  const readers: Client[] = [];
  for (const room of rooms) {
    writers.push(await peer.connect(room));
    readers.push(await peer.connect(room));
  }
  // Clients settle (awareness, acks) before the clock starts.
  await sleep(500);
  await Promise.all([...writers, ...readers].map((c) => c.synced));
  const latencies: number[] = [];
  // Writers only append, so the reader sees characters in order: index k was sent at sentAt[i][k].
  const sentAt = writers.map(() => [] as number[]);
  readers.forEach((reader, i) => {
    let seen = 0;
    reader.text.observe(() => {
      const now = performance.now();
      for (; seen < reader.text.length && seen < sentAt[i]!.length; seen++) latencies.push(now - sentAt[i]![seen]!);
    });
  });
  const storageBefore = await peer.storage?.();
  const cpuBefore = cpuSeconds(peer.pid());
  const started = performance.now();
  let edits = 0;
  // Each writer types on its own clock, spread over the second, as people do.
  const timers = writers.map((writer, i) =>
    setTimeout(() => {
      const interval = setInterval(() => {
        sentAt[i]!.push(performance.now());
        writer.text.insert(writer.text.length, 'x');
        edits += 1;
      }, 1000 / rate);
      timers[i] = interval;
    }, (i / writers.length) * (1000 / rate)),
  );
  await sleep(seconds * 1000);
  for (const timer of timers) clearInterval(timer);
  await sleep(500);
  const wall = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(peer.pid()) - cpuBefore;
  const storageAfter = await peer.storage?.();
  for (const c of [...writers, ...readers]) c.destroy();
  return {
    editsPerSecond: edits / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    cpuMicrosPerEdit: (cpu / edits) * 1e6,
    cpuPercent: (cpu / wall) * 100,
    commitsPerUpdate:
      storageBefore && storageAfter ? (storageAfter.commits - storageBefore.commits) / Math.max(1, storageAfter.updates - storageBefore.updates) : null,
  };
}

/** Steps of more and more fast writers; the first step whose p99 passes 100 ms is the knee. */
export async function throughputRamp(peer: Peer, steps: number[], rate: number, seconds: number) {
  const results: { writers: number; updatesPerSecond: number; p99: number }[] = [];
  for (const writers of steps) {
    const step = await steadyTyping(peer, writers, rate, seconds);
    results.push({ writers, updatesPerSecond: step.editsPerSecond, p99: step.p99 });
    if (step.p99 > 100) break;
  }
  const knee = results.find((r) => r.p99 > 100);
  return { steps: results, knee: knee ? knee.updatesPerSecond : null, reached: results.at(-1)!.updatesPerSecond };
}

async function openLarge(peer: Peer, update: Uint8Array) {
  const rssBefore = rssMb(peer.pid());
  const room = await peer.room(update);
  const timeSync = async () => {
    const started = performance.now();
    const client = await peer.connect(room);
    await client.synced;
    while (client.doc.share.size === 0) await sleep(5);
    const elapsed = performance.now() - started;
    return { client, elapsed };
  };
  const cold = await timeSync();
  const warm = await timeSync();
  const rssLoaded = rssMb(peer.pid());
  cold.client.destroy();
  warm.client.destroy();
  return { coldMs: cold.elapsed, warmMs: warm.elapsed, roomMb: rssLoaded - rssBefore };
}

async function idleRooms(peer: Peer, count: number) {
  const rssBefore = rssMb(peer.pid());
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) clients.push(await peer.connect(await peer.room()));
  await Promise.all(clients.map((c) => c.synced));
  await sleep(300);
  const perRoomKb = ((rssMb(peer.pid()) - rssBefore) * 1024) / count;
  for (const c of clients) c.destroy();
  return perRoomKb;
}

// ---------------------------------------------------------------- run

async function measure(peer: Peer, large: Uint8Array) {
  await peer.start();
  await sleep(1000);
  const baseRss = rssMb(peer.pid());
  console.log(`[bench] ${peer.name}: started, ${baseRss.toFixed(0)} MB`);
  const two = await keystrokeToPeers(peer, 2, QUICK ? 100 : 400);
  const twenty = await keystrokeToPeers(peer, 20, QUICK ? 20 : 100);
  const connect100 = await connectMany(peer, 100);
  console.log(`[bench] ${peer.name}: latency and connect done`);
  const steady = await steadyTyping(peer, 200, 3, QUICK ? 5 : 20);
  console.log(`[bench] ${peer.name}: 200 manuscripts done`);
  const ramp = await throughputRamp(peer, QUICK ? [5, 40] : [5, 10, 20, 40, 80, 160], 50, QUICK ? 3 : 6);
  console.log(`[bench] ${peer.name}: ramp done`);
  const open = await openLarge(peer, large);
  const idleKb = await idleRooms(peer, QUICK ? 20 : 100);
  await peer.stop();
  return {
    baseRss,
    two: { p50: quantile(two, 0.5), p99: quantile(two, 0.99) },
    twenty: { p50: quantile(twenty, 0.5), p99: quantile(twenty, 0.99) },
    connect100,
    steady,
    ramp,
    open,
    idleKb,
  };
}

async function main() {
  if (process.env.BENCH_PROFILE) {
    // Profiling run: only our server, only the 200-manuscript scenario, with a CPU profile written on exit.
    const ours = scriptorium();
    await ours.start();
    console.log(await steadyTyping(ours, 200, 3, 10));
    await ours.stop();
    process.exit(0);
  }
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const large = Y.encodeStateAsUpdate(buildManuscript(100_000, 60));
  const suggestions = measureSuggestionCheck(large, QUICK ? 200 : 2000);
  console.log(`[bench] commenter suggestion check: ${JSON.stringify(suggestions)}`);
  if (process.env.BENCH_SUGGESTIONS_ONLY === '1') process.exit(0);
  const peers = [scriptorium(), yWebsocketServer(), hocuspocus()];
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const peer of peers) results[peer.name] = await measure(peer, large);
  const loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ');

  const ours = results.Scriptorium!;
  const ref = results['@y/websocket-server']!;
  const hp = results.Hocuspocus!;
  const f = (n: number | null, digits = 2) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(digits));
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  const knee = (r: (typeof ours)['ramp']) => (r.knee === null ? `> ${r.reached.toFixed(0)}` : `~${r.knee.toFixed(0)}`);
  const rows: [string, string, string, string, string][] = [
    ['2 clients, keystroke to peer, p50 / p99 ms', `${f(ref.two.p50)} / ${f(ref.two.p99)}`, `${f(hp.two.p50)} / ${f(hp.two.p99)}`, `${f(ours.two.p50)} / ${f(ours.two.p99)}`, ratio(ours.two.p50, ref.two.p50)],
    ['20 clients, p50 / p99 ms', `${f(ref.twenty.p50)} / ${f(ref.twenty.p99)}`, `${f(hp.twenty.p50)} / ${f(hp.twenty.p99)}`, `${f(ours.twenty.p50)} / ${f(ours.twenty.p99)}`, ratio(ours.twenty.p50, ref.twenty.p50)],
    ['100 clients: connect ms', f(ref.connect100, 0), f(hp.connect100, 0), f(ours.connect100, 0), ratio(ours.connect100, ref.connect100)],
    [`200 manuscripts × 2 clients (~${f(ours.steady.editsPerSecond, 0)} edits/s): p99 ms`, f(ref.steady.p99), f(hp.steady.p99), f(ours.steady.p99), ratio(ours.steady.p99, ref.steady.p99)],
    ['same: server CPU µs per edit', f(ref.steady.cpuMicrosPerEdit, 0), f(hp.steady.cpuMicrosPerEdit, 0), f(ours.steady.cpuMicrosPerEdit, 0), ratio(ours.steady.cpuMicrosPerEdit, ref.steady.cpuMicrosPerEdit)],
    ['same: server CPU (% of one core)', f(ref.steady.cpuPercent, 0), f(hp.steady.cpuPercent, 0), f(ours.steady.cpuPercent, 0), ''],
    ['same: commits (fsyncs) per update', '–', '–', f(ours.steady.commitsPerUpdate, 3), ''],
    ['throughput before p99 passes 100 ms, updates/s', knee(ref.ramp), knee(hp.ramp), knee(ours.ramp), ''],
    ['100,000-word manuscript: cold / warm open ms', `– / ${f(ref.open.warmMs, 0)}`, `– / ${f(hp.open.warmMs, 0)}`, `${f(ours.open.coldMs, 0)} / ${f(ours.open.warmMs, 0)}`, ratio(ours.open.warmMs, ref.open.warmMs)],
    ['memory: 100,000-word room MB / idle room KB', `${f(ref.open.roomMb, 1)} / ${f(ref.idleKb, 0)}`, `${f(hp.open.roomMb, 1)} / ${f(hp.idleKb, 0)}`, `${f(ours.open.roomMb, 1)} / ${f(ours.idleKb, 0)}`, ''],
    [
      '100,000-word room: commenter’s suggestion check µs per update p50 / p99 (editor’s plain apply p50; first check builds the shadow, ms)',
      '–',
      '–',
      `${f(suggestions.checkP50Us, 0)} / ${f(suggestions.checkP99Us, 0)} (${f(suggestions.applyP50Us, 0)}; ${f(suggestions.shadowBuildMs, 0)})`,
      '',
    ],
    ['base RSS MB', f(ref.baseRss, 0), f(hp.baseRss, 0), f(ours.baseRss, 0), ratio(ours.baseRss, ref.baseRss)],
  ];
  const header: [string, string, string, string, string] = ['scenario', '@y/websocket-server', 'Hocuspocus', 'Scriptorium', 'ours ÷ first'];
  printTable(header, rows, `load average before ${load}, after ${loadAfter}; ${os.cpus().length} cores; Node ${process.version}`);
  const out = path.join(root, 'bench', 'results', 'collab.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), quick: QUICK, load: { before: load, after: loadAfter }, machine: { cpus: os.cpus().length, node: process.version }, results, suggestions, table: rows }, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(root, out)}`);
  process.exit(0);
}

// bench/cluster.ts reuses the scenarios above; only a direct run measures.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
