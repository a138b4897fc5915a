/**
 * Does folding a 100,000-word manuscript (compaction and checkpoints) stall other rooms? Measures
 * the event loop's worst delay while a compaction and a checkpoint of a loaded 100k-word room run,
 * folding on the event loop (before) and on the worker thread (now). Writes bench/results/compaction.json.
 *   npm run bench:compaction
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openStorage } from '../lib/storage/open';
import { startCollabServer } from '../server/collab-server';
import { seedManuscriptIn, seedWriterIn, TEST_SECRET, tokenIn } from '../server/testing/fixtures';
import { connectHeadlessClient, waitFor } from '../server/testing/headless-client';
import { buildManuscript } from './manuscript';

async function run(offThread: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-compaction-'));
  const storage = await openStorage(`file:${path.join(dir, 'bench.db')}`, { commitWindowMs: 20, offThread });
  const owner = await seedWriterIn(storage, 'Bench');
  const { id } = await seedManuscriptIn(storage, owner, 'Novel', Y.encodeStateAsUpdate(buildManuscript(100_000, 60)));
  const server = await startCollabServer({
    host: '127.0.0.1', port: 0, storage,
    secret: TEST_SECRET, roleRecheckMs: 60_000, maxMessageBytes: 64 * 1024 * 1024, roomGraceMs: 60_000, pingIntervalMs: 60_000,
    compactEveryUpdates: 1_000_000, checkpointIntervalMs: 3_600_000, log: () => {},
  });
  const client = connectHeadlessClient(`ws://127.0.0.1:${server.port}`, id, await tokenIn(storage, owner, id));
  await waitFor(() => client.saves.status === 'saved', 'synced', 60_000);
  client.type('a few words typed today');
  await waitFor(() => client.saves.status === 'saved', 'typed and stored', 60_000);
  const room = server.rooms.getLoadedRoom(id)!;
  // Warm up the worker (or the inline code path) once, so the measured fold is a steady-state one.
  await room.beforeUnload();
  client.type(' and more');
  await waitFor(() => client.saves.status === 'saved', 'stored again', 60_000);

  // A 1 ms ticker stands in for other rooms' keystrokes: each gap beyond 1 ms is a delay they would feel.
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last - 1);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const idleGaps = gaps.splice(0);
  const started = performance.now();
  await room.beforeUnload();
  const elapsed = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const idleSorted = [...idleGaps].sort((a, b) => a - b);
  client.destroy();
  await server.shutdown();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    foldMs: elapsed,
    maxDelayMs: sortedGaps.at(-1) ?? 0,
    p99DelayMs: sortedGaps[Math.floor(sortedGaps.length * 0.99)] ?? 0,
    idleMaxDelayMs: idleSorted.at(-1) ?? 0,
  };
}

async function main() {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const inline = await run(false);
  const worker = await run(true);
  const rows = [
    ['compaction + checkpoint of a 100,000-word room, ms', inline.foldMs.toFixed(0), worker.foldMs.toFixed(0)],
    ['event loop: worst delay meanwhile, ms', inline.maxDelayMs.toFixed(1), worker.maxDelayMs.toFixed(1)],
    ['event loop: p99 delay meanwhile, ms', inline.p99DelayMs.toFixed(1), worker.p99DelayMs.toFixed(1)],
    ['event loop: worst delay in 100 ms idle before, ms', inline.idleMaxDelayMs.toFixed(1), worker.idleMaxDelayMs.toFixed(1)],
  ];
  console.log(`\nload average ${load}\n`);
  console.log('| measure | fold on the event loop (before) | fold on a worker thread (now) |\n|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const out = path.join('bench', 'results', 'compaction.json');
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), load, inline, worker }, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
