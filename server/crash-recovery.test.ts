import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayUpdates } from '../lib/collab/replay';
import { isCoveredBy } from '../lib/collab/save-tracker';
import { openDatabase, readUpdates } from '../lib/storage/sqlite';
import { buildCollab, COLLAB_ENTRY } from '../scripts/build-collab';
import { seedManuscript, seedWriter, TEST_SECRET, tokenFor } from './testing/fixtures';
import { connectHeadlessClient, waitFor, type HeadlessClient } from './testing/headless-client';

/** Kills per run: CRASH_KILLS=30 for a longer run. */
const KILLS = Number(process.env.CRASH_KILLS ?? 6);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-crash-'));
const databaseUrl = `file:${path.join(dir, 'crash.db')}`;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await buildCollab(root);
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the collab server as production runs it (the built bundle), and resolves with its port. */
function startServerProcess(port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [path.join(root, COLLAB_ENTRY)], {
    env: { ...process.env, AUTH_SECRET: TEST_SECRET, DATABASE_URL: databaseUrl, COLLAB_PORT: String(port), COLLAB_HOST: '127.0.0.1', COLLAB_COMPACT_EVERY_UPDATES: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on ws:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`collab exited early (${code}): ${output}`)));
  });
}

function storedDoc(manuscriptId: string): Y.Doc {
  const db = openDatabase(databaseUrl);
  try {
    const doc = new Y.Doc();
    replayUpdates(doc, readUpdates(db, manuscriptId));
    return doc;
  } finally {
    db.$client.close();
  }
}

/** A small deterministic generator, so a failing run can be replayed with its seed. */
function random(seed: number) {
  let state = seed || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

describe('crash recovery with a real server process', () => {
  it(`keeps every acknowledged update through ${KILLS} SIGKILLs mid-batch, with three rooms busy`, async () => {
    console.log(`[crash] seed ${SEED} (re-run with CRASH_SEED=${SEED}), ${KILLS} kills`);
    const next = random(SEED);
    const setupDb = openDatabase(databaseUrl);
    const ada = seedWriter(setupDb, 'Ada');
    const ben = seedWriter(setupDb, 'Ben');
    const rooms: { id: string; tokens: string[] }[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      const id = seedManuscript(setupDb, ada, title).id;
      setupDb.$client.prepare("INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, 'editor')").run(id, ben.id);
      rooms.push({ id, tokens: [await tokenFor(setupDb, ada, id), await tokenFor(setupDb, ben, id)] });
    }
    setupDb.$client.close();

    let server = await startServerProcess(0);
    const url = `ws://127.0.0.1:${server.port}`;
    const writers: { client: HeadlessClient; room: string; letter: string; typed: number }[] = [];
    rooms.forEach((room, r) =>
      room.tokens.forEach((token, w) => writers.push({ client: connectHeadlessClient(url, room.id, token), room: room.id, letter: 'abcdef'[r * 2 + w]!, typed: 0 })),
    );
    await waitFor(() => writers.every((w) => w.client.saves.status === 'saved'), 'writers connected');

    const typing = setInterval(() => {
      for (const writer of writers) {
        writer.client.type(writer.letter);
        writer.typed += 1;
      }
    }, 3);

    for (let kill = 0; kill < KILLS; kill++) {
      // Somewhere inside a run of group commits: typing never pauses, so every kill lands on a batch.
      await new Promise((resolve) => setTimeout(resolve, 150 + next() * 600));
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));
      // What each writer was told was stored, at the moment the server died.
      const acknowledged = writers.map((w) => new Map(w.client.saves.storedStateVector));
      expect(acknowledged.some((vector) => vector.size > 0), 'some edits were acknowledged before the kill').toBe(true);
      for (const room of rooms) {
        const stored = Y.decodeStateVector(Y.encodeStateVector(storedDoc(room.id)));
        writers.forEach((writer, i) => {
          if (writer.room === room.id) expect(isCoveredBy(acknowledged[i]!, stored), `kill ${kill}: ${writer.letter}'s acknowledged edits are stored`).toBe(true);
        });
      }
      server = await startServerProcess(server.port);
    }
    clearInterval(typing);

    await waitFor(
      () => writers.every((w) => w.client.saves.status === 'saved' && w.client.text() === writers.find((o) => o.room === w.room && o !== w)!.client.text()),
      'writers reconnect, re-send and converge',
      30_000,
    );
    for (const writer of writers) {
      const text = writer.client.text();
      expect([...text].filter((c) => c === writer.letter)).toHaveLength(writer.typed);
      expect(storedDoc(writer.room).getText('t').toString()).toBe(text);
    }
    console.log(`[crash] typed ${writers.map((w) => w.typed).join('+')} characters across ${KILLS} kills; all stored`);
    for (const writer of writers) writer.client.destroy();
  }, 120_000);
});
