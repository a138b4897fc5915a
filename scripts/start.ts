/**
 * `npm start`: prepares a fresh checkout (secret, database, production build) and runs web and
 * collab together, restarting either if it dies (see server/supervisor). `npm start -- web` or
 * `-- collab` runs one of them alone, kept up the same way.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStorage } from '../lib/storage/open';
import { readEnv } from '../lib/config/env';
import { STOP_DEADLINE_MS } from '../lib/process/stop-deadline';
import { watchReadiness } from './supervisor/readiness-watch';
import { supervise, type ChildSpec, type Supervisor } from './supervisor/supervisor';
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


process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.AUTH_SECRET = ensureSecret();
const env = readEnv();

/** Web and collab each stop within STOP_DEADLINE_MS (plus web's own margin); anything still running after this is killed. */
const CHILDREN_STOP_DEADLINE_MS = STOP_DEADLINE_MS + 5_000;
const log = (line: string) => console.error(`[start] ${line}`);

let supervisor: Supervisor | undefined;
const onSignal = (signal: NodeJS.Signals) => (supervisor ? void supervisor.stop(signal) : process.exit(0));
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

const node = (args: string[], childEnv: NodeJS.ProcessEnv) => () => spawn(process.execPath, args, { stdio: 'inherit', env: childEnv });

/** Builds what is missing, then starts the processes asked for and keeps them up. */
async function launch(): Promise<void> {
  const children: ChildSpec[] = [];
  if (which !== 'web') {
    // Plain JavaScript at run time: transpiling TypeScript in memory costs about 25 MB of RSS.
    await buildCollab(root);
    children.push({ name: 'collab', start: node(['--enable-source-maps', COLLAB_ENTRY], process.env) });
  }
  if (which !== 'collab') {
    ensureWebBuild(root);
    children.push({ name: 'web', start: node(['--import', 'tsx', 'scripts/web-server.ts'], { ...process.env, NODE_ENV: 'production' }) });
    console.log(`[start] Scriptorium: http://localhost:${env.PORT}`);
  }
  supervisor = supervise(children, { stopDeadlineMs: CHILDREN_STOP_DEADLINE_MS, log });
  if (which !== 'collab') watchReadiness(`http://127.0.0.1:${env.PORT}/readyz`, log);
  process.exitCode = await supervisor.finished;
  process.exit();
}

// Migrate once here, before either process opens the database.
openStorage(env.DATABASE_URL)
  .then((storage) => storage.close())
  .then(
    () =>
      launch().catch((error: unknown) => {
        log(`could not start: ${(error as Error).message}`);
        process.exit(1);
      }),
    (error: unknown) => {
      log(`could not open the database: ${(error as Error).message}`);
      process.exit(1);
    },
  );
