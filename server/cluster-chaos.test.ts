import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayUpdates } from '../lib/collab/replay';
import { isCoveredBy } from '../lib/collab/save-tracker';
import { signCollabToken } from '../lib/collab/token';
import { newId } from '../lib/storage/secrets';
import { encodeNewManuscript } from '../lib/manuscript/binder';
import { openPgPool, type PgPool } from '../lib/storage/pg/connect';
import { buildCollab, COLLAB_ENTRY } from '../scripts/build-collab';
import { TEST_SECRET } from './testing/fixtures';
import { freePort, untilListening } from '../lib/testing/ports';
import { connectHeadlessClient, waitFor, type HeadlessClient } from './testing/headless-client';
import { TEST_POSTGRES_URL } from '../lib/storage/testing/engines';
import { renderNginxConf } from '../scripts/cluster/nginx';

/**
 * The scale-out promise, with every part real: three built collab processes behind nginx (the
 * shipped deploy/nginx.conf), one PostgreSQL, one Redis; ten writers on three manuscripts typing
 * while instances are SIGKILLed and restarted. CHAOS_KILLS and CHAOS_SEED tune a run; CHAOS_VERBOSE=1
 * shows the instances' own logs.
 */
const KILLS = Number(process.env.CHAOS_KILLS ?? 5);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-chaos-'));
const database = `chaos_${newId(8)}`;
const databaseUrl = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${database}`);
const prefix = `chaos-${newId(6)}`;
const children = new Set<ChildProcess>();
let nginx: ChildProcess | null = null;
let pool: PgPool;

function random(seed: number) {
  let state = seed || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** One collab instance as production runs it (the built bundle), resolved once it listens. */
function startInstance(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, COLLAB_ENTRY)], {
    env: {
      ...process.env,
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      COLLAB_PORT: String(port),
      COLLAB_HOST: '127.0.0.1',
      COLLAB_COMPACT_EVERY_UPDATES: '40',
      COLLAB_ROOM_GRACE_MS: '500',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.CHAOS_VERBOSE) process.stdout.write(`[${port} ${performance.now().toFixed(0)}] ${chunk}`);
      if (/listening on ws:/.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`collab on ${port} exited early (${code}): ${output}`)));
  });
}

async function startNginx(listen: number, collabPorts: number[]): Promise<void> {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, renderNginxConf({ listen, collabPorts, dir }));
  const check = spawnSync('/usr/sbin/nginx', ['-t', '-c', conf, '-p', dir, '-e', path.join(dir, 'nginx-error.log')], { encoding: 'utf8' });
  expect(check.status, check.stderr).toBe(0);
  nginx = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir, '-e', path.join(dir, 'nginx-error.log'), '-g', 'daemon off;'], { stdio: 'ignore' });
  await untilListening(listen, 'nginx');
}

async function storedDoc(manuscriptId: string): Promise<Y.Doc> {
  const { rows } = await pool.query<{ seq: number; bytes: Buffer }>('SELECT seq, bytes FROM document_updates WHERE manuscript_id = $1 ORDER BY seq', [manuscriptId]);
  const doc = new Y.Doc();
  replayUpdates(doc, rows.map((row) => ({ seq: row.seq, bytes: new Uint8Array(row.bytes) })));
  return doc;
}

beforeAll(async () => {
  await buildCollab(root);
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  pool = await openPgPool(databaseUrl);
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  nginx?.kill('SIGKILL');
  await pool?.end();
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('three collab instances behind nginx, PostgreSQL and Redis', () => {
  it(`lose no acknowledged edit through ${KILLS} SIGKILLs, a cut Redis subscription and concurrent compactions`, async () => {
    console.log(`[chaos] seed ${SEED} (re-run with CHAOS_SEED=${SEED}), ${KILLS} kills`);
    const next = random(SEED);
    const manuscripts = ['One', 'Two', 'Three'].map(() => newId());
    const writerIds = Array.from({ length: 10 }, (_, i) => `w${i}`);
    for (const id of manuscripts) {
      await pool.query('INSERT INTO manuscripts (id, title) VALUES ($1, $2)', [id, id]);
      await pool.query('INSERT INTO document_updates (manuscript_id, bytes) VALUES ($1, $2)', [id, Buffer.from(encodeNewManuscript())]);
    }
    for (const [i, id] of writerIds.entries()) {
      await pool.query('INSERT INTO users (id, email, name, color) VALUES ($1, $2, $3, $4)', [id, `${id}@example.test`, `Writer ${i}`, '#225588']);
      await pool.query("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, $2, 'editor')", [manuscripts[i % 3], id]);
    }

    const ports = [await freePort(), await freePort(), await freePort()];
    const instances = await Promise.all(ports.map(startInstance));
    const front = await freePort();
    await startNginx(front, ports);
    const tokenFor = (userId: string, manuscriptId: string) =>
      signCollabToken(TEST_SECRET, { sub: userId, name: userId, color: '#225588', mid: manuscriptId, role: 'editor' });

    const letters = 'abcdefghij';
    const writers: { client: HeadlessClient; manuscript: string; letter: string; typed: number }[] = [];
    for (const [i, id] of writerIds.entries()) {
      const manuscript = manuscripts[i % 3]!;
      // Half come through nginx (hashed: a manuscript's writers meet on one instance); half straight to
      // an instance of their own, so every manuscript has writers on several instances, joined by Redis.
      const url = i % 2 === 0 ? `ws://127.0.0.1:${front}/collab` : `ws://127.0.0.1:${ports[i % 3]}`;
      writers.push({ client: connectHeadlessClient(url, manuscript, await tokenFor(id, manuscript)), manuscript, letter: letters[i]!, typed: 0 });
    }
    await waitFor(() => writers.every((w) => w.client.saves.status === 'saved'), 'ten writers connected through nginx', 30_000);
    // Every connect and disconnect each writer's provider reports, to measure how long a kill keeps writers away.
    const statusLog = writers.map((writer) => {
      const log: { status: string; at: number }[] = [];
      writer.client.provider.on('status', ({ status }: { status: string }) => log.push({ status, at: performance.now() }));
      return log;
    });
    /** Once every writer the kill disconnected is back: the longest time one was away, or null while one is still away. */
    const longestAway = (killedAt: number, which: (index: number) => boolean): number | null => {
      let longest = -1;
      for (const [index, log] of statusLog.entries()) {
        if (!which(index)) continue;
        const dropped = log.find((entry) => entry.at >= killedAt && entry.status === 'disconnected');
        if (!dropped) continue;
        const back = log.find((entry) => entry.at > dropped.at && entry.status === 'connected');
        if (!back) return null;
        longest = Math.max(longest, back.at - killedAt);
      }
      return longest;
    };
    const typing = setInterval(() => {
      for (const writer of writers) {
        writer.client.type(writer.letter);
        writer.typed += 1;
      }
    }, 40);

    const reconnectMs: number[] = [];
    const directMs: number[] = [];
    let caretGoneMs: number | null = null;
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 3_000 + next() * 4_000));
      // An instance that serves rooms now, so every kill cuts writers off.
      const serving = [];
      for (const [index, port] of ports.entries()) {
        const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { rooms: number };
        if (health.rooms > 0) serving.push(index);
      }
      const victim = serving[Math.floor(next() * serving.length)] ?? Math.floor(next() * 3);
      // A writer on the victim whose laptop dies with it, watched by an observer on another instance.
      let ghost: HeadlessClient | null = null;
      let observer: HeadlessClient | null = null;
      if (kill === 0) {
        const watched = manuscripts[0]!;
        ghost = connectHeadlessClient(`ws://127.0.0.1:${ports[victim]}`, watched, await tokenFor(writerIds[0]!, watched));
        observer = connectHeadlessClient(`ws://127.0.0.1:${ports[(victim + 1) % 3]}`, watched, await tokenFor(writerIds[3]!, watched));
        ghost.provider.awareness.setLocalStateField('cursor', null);
        const ghostId = ghost.doc.clientID;
        await waitFor(() => observer!.provider.awareness.getStates().has(ghostId), 'the observer sees the ghost’s caret across instances');
      }
      if (kill === 2) {
        // Cut one instance's Redis subscription mid-run: it must resync from the store.
        const admin = new Redis(REDIS_URL);
        const line = ((await admin.client('LIST')) as string).split('\n').find((entry) => entry.includes(`name=${prefix}-`) && entry.includes('-sub '));
        const address = /addr=(\S+)/.exec(line ?? '')?.[1];
        expect(address, 'a subscriber connection to cut').toBeTruthy();
        await admin.client('KILL', address!);
        admin.disconnect();
      }
      const victimProcess = instances[victim]!;
      const killedAt = performance.now();
      if (process.env.CHAOS_VERBOSE) console.log(`[chaos] kill ${kill}: instance on ${ports[victim]} at ${killedAt.toFixed(0)}`);
      victimProcess.kill('SIGKILL');
      await new Promise((resolve) => victimProcess.once('exit', resolve));
      ghost?.provider.disconnect();
      const acknowledged = writers.map((w) => new Map(w.client.saves.storedStateVector));
      for (const manuscript of manuscripts) {
        const stored = Y.decodeStateVector(Y.encodeStateVector(await storedDoc(manuscript)));
        writers.forEach((writer, i) => {
          if (writer.manuscript === manuscript) expect(isCoveredBy(acknowledged[i]!, stored), `kill ${kill}: ${writer.letter}'s acknowledged edits are stored`).toBe(true);
        });
      }
      // Measured side by side: the ghost's caret going, and every writer cut off coming back.
      const caretGone =
        ghost && observer
          ? waitFor(() => !observer!.provider.awareness.getStates().has(ghost!.doc.clientID), 'the dead instance’s caret is dropped', 30_000).then(() => {
              caretGoneMs = performance.now() - killedAt;
              ghost!.destroy();
              observer!.destroy();
            })
          : Promise.resolve();
      // Writers behind nginx reach a surviving instance while the victim is down; the others wait for its restart.
      instances[victim] = await startInstance(ports[victim]!);
      let viaNginx: number | null = null;
      let direct: number | null = null;
      await waitFor(
        () =>
          (viaNginx = longestAway(killedAt, (i) => i % 2 === 0)) !== null &&
          (direct = longestAway(killedAt, (i) => i % 2 === 1)) !== null &&
          writers.every((w) => w.client.provider.wsconnected),
        'every writer connected again',
        30_000,
      );
      reconnectMs.push(viaNginx!);
      directMs.push(direct!);
      await caretGone;
    }
    clearInterval(typing);

    await waitFor(
      () =>
        writers.every(
          (w) => w.client.saves.status === 'saved' && writers.every((o) => o.manuscript !== w.manuscript || o.client.text() === w.client.text()),
        ),
      'writers converge and are acknowledged',
      60_000,
    );
    for (const manuscript of manuscripts) {
      const text = (await storedDoc(manuscript)).getText('t').toString();
      for (const writer of writers.filter((w) => w.manuscript === manuscript)) {
        expect(writer.client.text()).toBe(text);
        expect([...text].filter((c) => c === writer.letter)).toHaveLength(writer.typed);
      }
    }
    const typed = writers.reduce((sum, w) => sum + w.typed, 0);
    const away = (list: number[]) => list.map((ms) => (ms < 0 ? '–' : `${(ms / 1000).toFixed(1)} s`)).join(', ');
    console.log(
      `[chaos] ${typed} keystrokes by 10 writers, ${KILLS} kills, all stored and converged; ` +
        `after each kill the writers it cut off were all back within ${away(reconnectMs)} through nginx, ` +
        `and ${away(directMs)} for those connected straight to the killed instance (its restart included); ` +
        `dead instance's caret gone after ${((caretGoneMs ?? NaN) / 1000).toFixed(1)} s`,
    );
    for (const writer of writers) writer.client.destroy();
  }, 240_000);
});
