/**
 * `npm start`: prepares a fresh checkout (secret, database, production build) and runs web and
 * collab together. `npm start -- web` or `-- collab` runs one of them alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStorage } from '../lib/storage/open';
import { readEnv } from '../lib/config/env';
import { buildCollab, COLLAB_ENTRY } from './build-collab';
import { ensureWebBuild } from './web-build';

const root = path.resolve(__dirname, '..');
process.chdir(root);
const which = process.argv[2] ?? 'all';
if (!['all', 'web', 'collab'].includes(which)) {
  console.error(`usage: npm start [-- web|collab]   (got "${which}")`);
  process.exit(2);
}

/** A secret generated once per installation, kept beside the database. */
function ensureSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(root, 'data', 'secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
    console.log('[start] generated a new secret in data/secret');
  }
  return fs.readFileSync(file, 'utf8').trim();
}


function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} stopped (${signal ?? code}); stopping the rest`);
      stop('SIGTERM', code ?? 1);
    }
  });
  return child;
}

process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.AUTH_SECRET = ensureSecret();
const env = readEnv();

const children: ChildProcess[] = [];
let stopping = false;
function stop(signal: NodeJS.Signals, exitCode = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null))).then(() =>
    process.exit(exitCode),
  );
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

async function startCollab(): Promise<void> {
  // Plain JavaScript at run time: transpiling TypeScript in memory costs about 25 MB of RSS.
  await buildCollab(root);
  children.push(run('collab', ['--enable-source-maps', COLLAB_ENTRY], process.env));
}

/** Starts the processes asked for. */
function launch(): void {
  if (which !== 'web') {
    startCollab().catch((error: unknown) => {
      console.error(`[start] could not build the collab server: ${(error as Error).message}`);
      process.exit(1);
    });
  }
  if (which !== 'collab') {
    ensureWebBuild(root);
    children.push(run('web', ['--import', 'tsx', 'scripts/web-server.ts'], { ...process.env, NODE_ENV: 'production' }));
    console.log(`[start] Scriptorium: http://localhost:${env.PORT}`);
  }
}

// Migrate once here, before either process opens the database.
openStorage(env.DATABASE_URL)
  .then((storage) => storage.close())
  .then(launch, (error: unknown) => {
    console.error(`[start] could not open the database: ${(error as Error).message}`);
    process.exit(1);
  });
