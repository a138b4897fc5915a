import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayUpdates } from '../lib/collab/replay';
import { isCoveredBy } from '../lib/collab/save-tracker';
import { openDatabase, readUpdates } from '../lib/db';
import { seedManuscript, seedWriter, TEST_SECRET, tokenFor } from './testing/fixtures';
import { connectHeadlessClient, waitFor, type HeadlessClient } from './testing/headless-client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-crash-'));
const databaseUrl = `file:${path.join(dir, 'crash.db')}`;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the real collab entry point as its own process and resolves with its port. */
function startServerProcess(port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, AUTH_SECRET: TEST_SECRET, DATABASE_URL: databaseUrl, COLLAB_PORT: String(port), COLLAB_HOST: '127.0.0.1' },
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

function storedDoc(): Y.Doc {
  const db = openDatabase(databaseUrl);
  try {
    const doc = new Y.Doc();
    replayUpdates(doc, readUpdates(db, manuscriptId));
    return doc;
  } finally {
    db.$client.close();
  }
}

let manuscriptId = '';

describe('crash recovery with a real server process', () => {
  it('keeps every acknowledged update through SIGKILL, and clients converge after restart', async () => {
    const setupDb = openDatabase(databaseUrl);
    const ada = seedWriter(setupDb, 'Ada');
    const ben = seedWriter(setupDb, 'Ben');
    manuscriptId = seedManuscript(setupDb, ada, 'Crash').id;
    setupDb.$client.prepare("INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, 'editor')").run(manuscriptId, ben.id);
    const tokens = [await tokenFor(setupDb, ada, manuscriptId), await tokenFor(setupDb, ben, manuscriptId)];
    setupDb.$client.close();

    const first = await startServerProcess(0);
    const url = `ws://127.0.0.1:${first.port}`;
    const writers: HeadlessClient[] = tokens.map((token) => connectHeadlessClient(url, manuscriptId, token));
    await waitFor(() => writers.every((w) => w.saves.status === 'saved'), 'writers connected');

    const typed = [0, 0];
    const letters = ['a', 'b'];
    const typing = setInterval(() => {
      writers.forEach((writer, i) => {
        writer.type(letters[i]!);
        typed[i]! += 1;
      });
    }, 3);
    await waitFor(() => writers.every((w) => w.text().length > 150), 'some typing reached the server');

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    // What each writer was told was stored, at the moment the server died.
    const acknowledged = writers.map((w) => new Map(w.saves.storedStateVector));
    await new Promise((resolve) => setTimeout(resolve, 150));
    clearInterval(typing);

    const afterCrash = storedDoc();
    const storedVector = Y.decodeStateVector(Y.encodeStateVector(afterCrash));
    for (const vector of acknowledged) {
      expect(vector.size).toBeGreaterThan(0);
      expect(isCoveredBy(vector, storedVector)).toBe(true);
    }
    console.log(
      `typed ${typed.join('+')} chars; acknowledged clocks ${acknowledged.map((v) => [...v.values()].join('/')).join(', ')}; stored ${afterCrash.getText('t').length}`,
    );

    await startServerProcess(first.port);
    await waitFor(
      () => writers.every((w) => w.saves.status === 'saved') && writers[0]!.text() === writers[1]!.text(),
      'writers reconnect, re-send and converge',
      20_000,
    );
    const finalText = writers[0]!.text();
    expect([...finalText].filter((c) => c === 'a')).toHaveLength(typed[0]!);
    expect([...finalText].filter((c) => c === 'b')).toHaveLength(typed[1]!);
    expect(storedDoc().getText('t').toString()).toBe(finalText);
    for (const writer of writers) writer.destroy();
  }, 60_000);
});
