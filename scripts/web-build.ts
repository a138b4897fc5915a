import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** How often a start waiting for another start's web build looks again. */
const LOCK_POLL_MS = 1_000;

/** A fingerprint of everything the web build depends on, so a stale build is rebuilt and a fresh one reused. */
function sourceFingerprint(root: string): string {
  const hash = crypto.createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const entry of ['app', 'lib', 'proxy.ts', 'package-lock.json', 'next.config.ts', 'tsconfig.json']) visit(entry);
  return hash.digest('hex');
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Just taken (its pid not yet written), or released meanwhile: look again shortly; a minute without a pid is a dead start.
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age < 60_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `build` holding the checkout's web build lock; several starts at once build once, the others wait. */
function withBuildLock(root: string, build: () => void): void {
  const lock = path.join(root, 'data', 'web-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Taken by another start, or left by one that died.
      if (!holderAlive(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else sleepSync(LOCK_POLL_MS);
    }
  }
  try {
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    build();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds the web app when its source changed since the last build. `next build` rewrites .next in
 * place, so several web instances of one checkout should be built once (`npm run build`) and then
 * restarted together after an upgrade; starts that race each other build once, under a lock.
 */
export function ensureWebBuild(root: string): void {
  const stamp = path.join(root, '.next', 'scriptorium-source');
  const fresh = () => fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === sourceFingerprint(root);
  if (fresh()) return;
  withBuildLock(root, () => {
    // Another start may have built it while this one waited.
    if (fresh()) return;
    const fingerprint = sourceFingerprint(root);
    console.log('[start] building the web app (once per change of source)…');
    const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { stdio: 'inherit', env: process.env });
    if (result.status !== 0) process.exit(result.status ?? 1);
    fs.writeFileSync(stamp, fingerprint);
  });
}
