/**
 * A 100,000-word manuscript of 60 scenes: how it feels to open, switch scenes and type.
 * Our collab server (SQLite, auth, store-before-broadcast) side by side with the reference
 * @y/websocket-server 0.1.1 (in memory, no auth), in the same run, on loopback.
 * Prints a table and writes bench/results/binder.json.   Run: npm run bench:binder
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { setupWSConnection, getYDoc } from '@y/websocket-server/utils';
import { WebSocket as WebSocketPolyfill, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PROTOCOL_VERSION } from '../lib/collab/protocol';
import { sceneField } from '../lib/collab/room-name';
import { trackSaves } from '../lib/collab/save-tracker';
import { manuscriptExtensions } from '../lib/editor/extensions';
import { readBinder } from '../lib/manuscript/binder';
import { countManuscriptWords, countSceneWords } from '../lib/manuscript/word-count';
import { openStorage } from '../lib/storage/open';
import { startCollabServer } from '../server/collab-server';
import { seedManuscriptIn, seedWriterIn, TEST_SECRET, tokenIn } from '../server/testing/fixtures';
import { buildManuscript } from './manuscript';

const RUNS = 7;
const KEYSTROKES = 300;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.99))]!;

function connect(url: string, room: string, params: Record<string, string>) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  // Our own message types (stored acks, role); the reference server never sends them.
  provider.messageHandlers[100] = () => {};
  provider.messageHandlers[101] = () => {};
  return { doc, provider };
}

async function timeUntilSynced(url: string, room: string, params: Record<string, string>): Promise<number> {
  const started = performance.now();
  const client = connect(url, room, params);
  await new Promise<void>((resolve) => client.provider.once('sync', () => resolve()));
  const elapsed = performance.now() - started;
  client.provider.destroy();
  client.doc.destroy();
  return elapsed;
}

/** Milliseconds from one client's keystroke to another client seeing it. */
async function keystrokeLatency(url: string, room: string, params: () => Promise<Record<string, string>>, sceneId: string): Promise<number[]> {
  const a = connect(url, room, await params());
  const b = connect(url, room, await params());
  await Promise.all([a, b].map((c) => new Promise<void>((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', () => resolve())))));
  const latencies: number[] = [];
  const target = a.doc.getXmlFragment(sceneField(sceneId)).get(0) as Y.XmlElement;
  for (let i = 0; i < KEYSTROKES; i++) {
    const seen = new Promise<void>((resolve) => b.doc.once('update', () => resolve()));
    const started = performance.now();
    (target.get(0) as Y.XmlText).insert(0, 'x');
    await seen;
    latencies.push(performance.now() - started);
  }
  for (const c of [a, b]) {
    c.provider.destroy();
    c.doc.destroy();
  }
  return latencies;
}

async function main() {
  const build = performance.now();
  const manuscript = buildManuscript();
  const update = Y.encodeStateAsUpdate(manuscript);
  const buildMs = performance.now() - build;
  const binder = readBinder(manuscript);
  const words = countManuscriptWords(manuscript);
  const firstScene = binder.scenes[0]!.id;

  // Client-side work, off the network.
  const schema = getSchema(manuscriptExtensions());
  const switchTimes = binder.scenes.map((scene) => {
    const started = performance.now();
    yXmlFragmentToProseMirrorRootNode(manuscript.getXmlFragment(sceneField(scene.id)), schema);
    return performance.now() - started;
  });
  const countTimes = binder.scenes.map((scene) => {
    const started = performance.now();
    countSceneWords(manuscript, scene.id);
    return performance.now() - started;
  });
  const fullCount: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    countManuscriptWords(manuscript);
    fullCount.push(performance.now() - started);
  }
  // One keystroke as the client handles it: the Yjs insert plus our save-status bookkeeping.
  const keystrokeDoc = new Y.Doc();
  Y.applyUpdate(keystrokeDoc, update);
  const fakeProvider = { messageHandlers: [] as unknown[], wsconnected: true, synced: true, on() {}, off() {} };
  const tracker = trackSaves(fakeProvider as unknown as WebsocketProvider, keystrokeDoc);
  const keystrokeText = (keystrokeDoc.getXmlFragment(sceneField(firstScene)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const keystrokeTimes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const started = performance.now();
    keystrokeText.insert(5, 'x');
    keystrokeTimes.push(performance.now() - started);
  }
  tracker.destroy();

  // Our server: a real SQLite file, authenticated clients, a room loaded cold for every open.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-bench-'));
  const storage = await openStorage(`file:${path.join(dir, 'bench.db')}`);
  const owner = await seedWriterIn(storage, 'Bench');
  const { id } = await seedManuscriptIn(storage, owner, 'Bench', update);
  const ours = await startCollabServer({
    host: '127.0.0.1', port: 0, storage, secret: TEST_SECRET,
    roleRecheckMs: 60_000, maxMessageBytes: 16 * 1024 * 1024, roomGraceMs: 0, pingIntervalMs: 60_000, compactEveryUpdates: 10_000, checkpointIntervalMs: 3_600_000, log: () => {},
  });
  const oursUrl = `ws://127.0.0.1:${ours.port}`;
  const ourParams = async () => ({ token: await tokenIn(storage, owner, id), v: String(PROTOCOL_VERSION) });
  const oursOpen: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    while (ours.rooms.loadedRoomCount > 0) await new Promise((r) => setTimeout(r, 20));
    oursOpen.push(await timeUntilSynced(oursUrl, `manuscript.${id}`, await ourParams()));
  }
  const oursKeys = await keystrokeLatency(oursUrl, `manuscript.${id}`, ourParams, firstScene);
  await ours.shutdown();
  await storage.close();

  // Reference: @y/websocket-server 0.1.1 with the document already in memory.
  const referenceServer = http.createServer();
  const wss = new WebSocketServer({ server: referenceServer });
  wss.on('connection', (socket, request) => setupWSConnection(socket, request));
  await new Promise<void>((resolve) => referenceServer.listen(0, '127.0.0.1', resolve));
  const referencePort = (referenceServer.address() as { port: number }).port;
  Y.applyUpdate(getYDoc('bench'), update);
  const referenceUrl = `ws://127.0.0.1:${referencePort}`;
  const referenceOpen: number[] = [];
  for (let i = 0; i < RUNS; i++) referenceOpen.push(await timeUntilSynced(referenceUrl, 'bench', {}));
  const referenceKeys = await keystrokeLatency(referenceUrl, 'bench', async () => ({}), firstScene);
  for (const client of wss.clients) client.terminate();
  wss.close();
  referenceServer.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const rows = [
    { measure: 'cold open: server load + client sync (ms, median)', scriptorium: median(oursOpen), reference: median(referenceOpen) },
    { measure: 'keystroke to the other client (ms, p50)', scriptorium: median(oursKeys), reference: median(referenceKeys) },
    { measure: 'keystroke to the other client (ms, p99)', scriptorium: p99(oursKeys), reference: p99(referenceKeys) },
    { measure: 'scene switch: build the scene for the editor (ms, median)', scriptorium: median(switchTimes), reference: null },
    { measure: 'keystroke handled in the client (ms, median)', scriptorium: median(keystrokeTimes), reference: null },
    { measure: 'recount one scene after a pause (ms, median)', scriptorium: median(countTimes), reference: null },
    { measure: 'recount the whole manuscript (ms, median)', scriptorium: median(fullCount), reference: null },
  ];
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    manuscript: { words, scenes: binder.scenes.length, updateBytes: update.byteLength, buildMs },
    reference: '@y/websocket-server 0.1.1, document preloaded in memory, no auth or persistence',
    rows,
  };
  console.log(`\n100,000-word manuscript: ${words} words in ${binder.scenes.length} scenes, ${(update.byteLength / 1024).toFixed(0)} KiB as one update\n`);
  const width = Math.max(...rows.map((row) => row.measure.length));
  console.log(`${'measure'.padEnd(width)}  ${'scriptorium'.padStart(11)}  ${'reference'.padStart(9)}`);
  for (const row of rows) {
    console.log(`${row.measure.padEnd(width)}  ${row.scriptorium.toFixed(2).padStart(11)}  ${(row.reference === null ? '–' : row.reference.toFixed(2)).padStart(9)}`);
  }
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join('bench', 'results', 'binder.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log('\nwritten to bench/results/binder.json');
  process.exit(0);
}

void main();
