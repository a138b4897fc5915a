/**
 * `npm run cluster`: Scriptorium as a host with many writers runs it, on this machine: several
 * web and collab instances sharing one PostgreSQL and one Redis, behind the shipped
 * deploy/nginx.conf. The e2e suite runs against it (playwright.cluster.config.ts).
 *
 *   CLUSTER_PORT=8080 CLUSTER_WEB=2 CLUSTER_COLLAB=3 npm run cluster [-- --fresh]
 *
 * DATABASE_URL (postgres://…, default the local `scriptorium_cluster` database, created when
 * missing; `--fresh` drops it first), REDIS_URL (default redis://127.0.0.1:6379) and AUTH_SECRET
 * (default data/secret) as for `npm start`; every other variable is passed to the instances.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildCollab, COLLAB_ENTRY } from './build-collab';
import { renderNginxConf } from './cluster/nginx';
import { ensureWebBuild } from './web-build';

const root = path.resolve(__dirname, '..');
process.chdir(root);

const front = Number(process.env.CLUSTER_PORT ?? 8080);
const webCount = Number(process.env.CLUSTER_WEB ?? 2);
const collabCount = Number(process.env.CLUSTER_COLLAB ?? 3);
// Instances listen just above the front door's port unless told otherwise.
const webPorts = Array.from({ length: webCount }, (_, i) => front + 1 + i);
const collabPorts = Array.from({ length: collabCount }, (_, i) => front + 1 + webCount + i);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scriptorium_cluster';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const fresh = process.argv.includes('--fresh');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-cluster-'));

function log(message: string): void {
  console.log(`[cluster] ${message}`);
}

function secret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(root, 'data', 'secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Creates the database when missing (or anew with --fresh), so the instances' migrations find it. */
async function prepareDatabase(): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`DATABASE_URL names an unusual database (${name}); create it yourself`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

function untilListening(port: number, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`${what} did not listen on ${port}`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped (${signal ?? code}); stopping the rest`);
      stop(1);
    }
  });
  return child;
}

function stop(exitCode = 0): void {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(exitCode);
  }, 3000).unref();
  void Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null))).then(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(exitCode);
  });
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

async function main(): Promise<void> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('the cluster shares one PostgreSQL: DATABASE_URL must be postgres://…');
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_SECRET: secret(),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: process.env.REDIS_PREFIX ?? `cluster-${front}`,
  };
  await prepareDatabase();
  ensureWebBuild(root);
  await buildCollab(root);

  // Collab first: each migrates under an advisory lock, so they may start together.
  for (const port of collabPorts) run(`collab :${port}`, process.execPath, ['--enable-source-maps', COLLAB_ENTRY], { ...shared, COLLAB_PORT: String(port), COLLAB_HOST: '127.0.0.1' });
  await Promise.all(collabPorts.map((port) => untilListening(port, 'collab')));
  const webEnv: NodeJS.ProcessEnv = { ...shared, NODE_ENV: 'production', COLLAB_PUBLIC_URL: `ws://localhost:${front}/collab`, TRUST_PROXY: '1' };
  for (const port of webPorts) run(`web :${port}`, process.execPath, ['--import', 'tsx', 'scripts/web-server.ts'], { ...webEnv, PORT: String(port) });
  await Promise.all(webPorts.map((port) => untilListening(port, 'web')));

  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, renderNginxConf({ listen: front, collabPorts, webPorts, dir }));
  const nginxArgs = ['-c', conf, '-p', dir, '-e', path.join(dir, 'nginx-error.log')];
  const check = spawnSync('/usr/sbin/nginx', ['-t', ...nginxArgs], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx refused the rendered deploy/nginx.conf: ${check.stderr}`);
  run('nginx', '/usr/sbin/nginx', [...nginxArgs, '-g', 'daemon off;'], process.env);
  await untilListening(front, 'nginx');
  log(`Scriptorium: http://localhost:${front} (web ${webPorts.join(', ')}; collab ${collabPorts.join(', ')}; PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}; Redis prefix ${shared.REDIS_PREFIX})`);
}

main().catch((error: unknown) => {
  console.error(`[cluster] could not start: ${(error as Error).message}`);
  stop(1);
});
