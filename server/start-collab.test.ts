import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MessageType } from '../lib/collab/message-types';
import { encodeRestoreDraft, onServerMessage, type RestoreResult } from '../lib/collab/protocol';
import { insertDraft, openDatabase } from '../lib/storage/sqlite';
import { encodeNewManuscript } from '../lib/manuscript/binder';
import { seedManuscript, seedWriter, TEST_SECRET, tokenFor } from './testing/fixtures';
import { connectHeadlessClient, waitFor } from './testing/headless-client';

/** Ports of the three instances (the range e2e leaves to servers a test starts itself). */
const PORTS = [3650, 3651, 3652];
const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-start-collab-'));
const databaseUrl = `file:${path.join(dir, 'collab.db')}`;
const running = new Set<ChildProcess>();

afterAll(() => {
  for (const child of running) process.kill(-child.pid!, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `npm run start:collab` as a service manager runs it: its own process group, stopped as a group. */
function startCollab(port: number): ChildProcess {
  const child = spawn('npm', ['run', '--silent', 'start:collab'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AUTH_SECRET: TEST_SECRET, DATABASE_URL: databaseUrl, COLLAB_PORT: String(port), COLLAB_HOST: '127.0.0.1', COLLAB_ROOM_GRACE_MS: '60000' },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', () => running.delete(child));
  running.add(child);
  Object.defineProperty(child, 'output', { get: () => output });
  return child;
}

async function healthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
    if (ok) return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`collab on ${port} did not become healthy:\n${(child as unknown as { output: string }).output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/** Every file under dist/collab/ with its inode: a file removed or rewritten in place shows up as a change. */
function buildFiles(): Map<string, number> {
  const files = new Map<string, number>();
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'in-use') visit(full);
      else if (entry.isFile()) files.set(path.relative(root, full), fs.statSync(full).ino);
    }
  };
  visit(path.join(root, 'dist', 'collab'));
  return files;
}

describe('several collab instances from one checkout', () => {
  it('start together, and restarting one never takes chunks from under another: a draft restore on it still works', async () => {
    const db = openDatabase(databaseUrl);
    const ada = seedWriter(db, 'Ada');
    const manuscript = seedManuscript(db, ada, 'Three at once');
    const draftId = insertDraft(db, { manuscriptId: manuscript.id, kind: 'draft', name: 'Draft 1', createdBy: ada.id, wordCount: 0, state: encodeNewManuscript() });
    const token = await tokenFor(db, ada, manuscript.id);
    db.$client.close();

    // What a service manager does at boot.
    const instances = PORTS.map((port) => startCollab(port));
    await Promise.all(PORTS.map((port, i) => healthy(port, instances[i]!)));

    // Ada writes through the second instance, which has not yet loaded the chunk a restore needs.
    const client = connectHeadlessClient(`ws://127.0.0.1:${PORTS[1]}`, manuscript.id, token);
    const results: RestoreResult[] = [];
    onServerMessage(client.provider as unknown as Parameters<typeof onServerMessage>[0], MessageType.RestoreResult, 'restore-result', ({ result }) => results.push(result));
    await waitFor(() => client.provider.synced, 'the client to sync', 30_000);

    const before = buildFiles();
    await stopGroup(instances[0]!);
    const restarted = startCollab(PORTS[0]!);
    await healthy(PORTS[0]!, restarted);
    const after = buildFiles();
    for (const [file, inode] of before) expect({ file, inode: after.get(file) }).toEqual({ file, inode });

    client.provider.ws!.send(encodeRestoreDraft(draftId));
    await waitFor(() => results.length > 0, 'the restore result', 30_000);
    expect(results[0]).toMatchObject({ ok: true });
    expect(client.provider.wsconnected).toBe(true);
    client.destroy();
    await Promise.all([restarted, instances[1]!, instances[2]!].map(stopGroup));
  }, 300_000);
});
