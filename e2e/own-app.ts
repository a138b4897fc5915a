import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

/** A whole `npm start` a journey starts and stops itself, on ports of its own, reusing the production build. */
export interface OwnApp {
  baseURL: string;
  databaseUrl: string;
  /** The process `npm start` runs as, in its own process group. */
  npm: ChildProcess;
  output(): string;
  /** The pid of the collab process serving now, read from its own log line. */
  collabPid(): number;
  /** Resolves when `npm start` has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills whatever is left of it (after the test). */
  dispose(): void;
}

const root = path.resolve(__dirname, '..');

/**
 * Starts `npm start` on `port` (web) and `port + 1` (collab) with a fresh database; resolves once web
 * is ready. With `only: 'web'`, collab is not started and web is awaited only until it answers.
 */
export async function startOwnApp(port: number, options: { only?: 'web' } = {}): Promise<OwnApp> {
  const databaseFile = `data/e2e-own-${port}.db`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(root, databaseFile + suffix), { force: true });
  const databaseUrl = `file:./${databaseFile}`;
  const npm = spawn('npm', options.only ? ['start', '--', options.only] : ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      COLLAB_PORT: String(port + 1),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      COLLAB_ROOM_GRACE_MS: '500',
    },
  });
  let output = '';
  npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal })));
  const baseURL = `http://localhost:${port}`;
  const route = options.only === 'web' ? '/healthz' : '/readyz';
  await expect
    .poll(async () => (npm.exitCode === null ? (await fetch(`${baseURL}${route}`).catch(() => null))?.status : `npm start exited:\n${output}`), { timeout: 240_000 })
    .toBe(200);
  return {
    baseURL,
    databaseUrl,
    npm,
    exited,
    output: () => output,
    collabPid() {
      const pids = [...output.matchAll(/"pid":(\d+)[^\n]*"msg":"listening on ws:/g)].map((match) => Number(match[1]));
      if (pids.length === 0) throw new Error(`collab has not said it is listening:\n${output}`);
      return pids.at(-1)!;
    },
    dispose() {
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
  };
}

/** Whether anything still accepts connections on the port. */
export async function listening(port: number): Promise<boolean> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false)) === true;
}
