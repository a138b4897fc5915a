/**
 * 2,000 sockets that never authenticate, each streaming 1 MiB frames and reconnecting a second
 * after being cut off, from 64 loopback addresses (bench/flood-attacker.ts, its own process), against the
 * production collab server, while one writer types in this process. Reports the server's peak RSS and the writer's keystroke latency. Writes bench/results/flood.json.
 *   npm run bench:flood
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStorage } from '../lib/storage/open';
import { buildCollab, COLLAB_ENTRY } from '../scripts/build-collab';
import { seedManuscriptIn, seedWriterIn, TEST_SECRET, tokenIn } from '../server/testing/fixtures';
import { connectHeadlessClient, waitFor } from '../server/testing/headless-client';

const SOCKETS = Number(process.env.FLOOD_SOCKETS ?? 2000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 20);
const root = path.resolve(__dirname, '..');

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  await buildCollab(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-flood-'));
  const databaseUrl = `file:${path.join(dir, 'flood.db')}`;
  const storage = await openStorage(databaseUrl);
  const owner = await seedWriterIn(storage, 'Writer');
  const { id } = await seedManuscriptIn(storage, owner, 'Flooded');
  const child = spawn(process.execPath, [COLLAB_ENTRY], {
    cwd: root,
    env: { ...process.env, AUTH_SECRET: TEST_SECRET, DATABASE_URL: databaseUrl, COLLAB_PORT: '0', COLLAB_HOST: '0.0.0.0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => child.stdout!.on('data', (d: Buffer) => {
    const match = /listening on ws:\/\/[^:]+:(\d+)/.exec(d.toString());
    if (match) resolve(Number(match[1]));
  }));
  const pid = child.pid!;
  const baseRss = rssMb(pid);

  const writer = connectHeadlessClient(`ws://127.0.0.1:${port}`, id, await tokenIn(storage, owner, id));
  await waitFor(() => writer.saves.status === 'saved', 'writer synced');

  const measureWriter = async (seconds: number) => {
    const latencies: number[] = [];
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      const before = writer.text().length;
      const sent = performance.now();
      writer.type('x');
      await waitFor(() => writer.saves.status === 'saved' && writer.text().length === before + 1, 'keystroke stored', 30_000);
      latencies.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sorted = latencies.sort((a, b) => a - b);
    return { p50: sorted[Math.floor(sorted.length / 2)]!, p99: sorted[Math.floor(sorted.length * 0.99)]!, samples: sorted.length };
  };
  const quiet = await measureWriter(5);

  const attacker = spawn(process.execPath, ['--import', 'tsx', 'bench/flood-attacker.ts', String(port), `manuscript.${id}`, String(SOCKETS)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let counts = { opened: 0, closed: 0 };
  attacker.stdout!.on('data', (d: Buffer) => {
    const last = d.toString().trim().split('\n').at(-1);
    if (last) counts = JSON.parse(last) as typeof counts;
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));

  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 100);
  const flooded = await measureWriter(SECONDS);
  attacker.kill('SIGKILL');
  clearInterval(sampler);
  const result = {
    date: new Date().toISOString(),
    load,
    sockets: SOCKETS,
    seconds: SECONDS,
    baseRssMb: baseRss,
    peakRssMb: peakRss,
    attackerConnectionsOpened: counts.opened,
    attackerConnectionsClosedByServer: counts.closed,
    writerKeystrokeToStoredMs: { quiet, flooded },
  };
  console.log(`\nload average ${load}\n`);
  console.log('| unauthenticated flood | value |\n|---|---:|');
  console.log(`| sockets streaming 1 MiB frames, reconnecting | ${SOCKETS} for ${SECONDS} s |`);
  console.log(`| attacker connections opened / closed by the server | ${counts.opened} / ${counts.closed} |`);
  console.log(`| collab RSS: at start / peak, MB | ${baseRss.toFixed(0)} / ${peakRss.toFixed(0)} |`);
  console.log(`| writer: keystroke to "stored" before the flood, p50 / p99 ms | ${quiet.p50.toFixed(1)} / ${quiet.p99.toFixed(1)} |`);
  console.log(`| writer: keystroke to "stored" during the flood, p50 / p99 ms | ${flooded.p50.toFixed(1)} / ${flooded.p99.toFixed(1)} |`);
  fs.writeFileSync(path.join(root, 'bench', 'results', 'flood.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('\nwritten to bench/results/flood.json');
  child.kill('SIGKILL');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
