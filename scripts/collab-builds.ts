/**
 * The folders of dist/collab/: one per build, marked in use by each process that runs it, and
 * removed only when nothing may load them any more.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A build chosen or made this recently is kept even before its process has started and marked it. */
const RECENTLY_CHOSEN_MS = 10 * 60_000;
/** A half-written build this old belongs to a start that crashed. */
const ABANDONED_BUILD_MS = 60 * 60_000;

/** The launcher: marks the build in use by this process, then runs it. */
export function launcherSource(hash: string): string {
  return `// Written by scripts/build-collab.ts: starts the newest collab build. The file under in-use/ tells
// later builds that this process may still load that build's chunks, so they keep it.
import fs from 'node:fs';
const build = new URL('./${hash}/', import.meta.url);
try {
  fs.mkdirSync(new URL('in-use/', build), { recursive: true });
  fs.writeFileSync(new URL(\`in-use/\${process.pid}\`, build), '');
} catch {
  // A read-only checkout: the build is then never pruned either.
}
await import(new URL('index.mjs', build).href);
`;
}

/** Marks a build as just chosen. */
export function touch(folder: string): void {
  const now = new Date();
  fs.utimesSync(folder, now, now);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a process that may still load this build is running (a reused pid only errs towards
 * keeping it); the marks of processes that have ended are removed on the way.
 */
function inUse(folder: string): boolean {
  const marks = path.join(folder, 'in-use');
  if (!fs.existsSync(marks)) return false;
  let used = false;
  for (const name of fs.readdirSync(marks)) {
    if (/^\d+$/.test(name) && isAlive(Number(name))) used = true;
    else fs.rmSync(path.join(marks, name), { force: true });
  }
  return used;
}

/** Removes builds other than `current` that no running process uses and nobody chose recently. */
export function pruneBuilds(builds: string, current: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(builds)) {
    const folder = path.join(builds, name);
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) continue;
    if (name === current) {
      inUse(folder);
      continue;
    }
    const age = now - stat.mtimeMs;
    const abandoned = name.startsWith('.building-') && age > ABANDONED_BUILD_MS;
    const unused = /^[0-9a-f]{16}$/.test(name) && age > RECENTLY_CHOSEN_MS && !inUse(folder);
    if (!abandoned && !unused) continue;
    fs.rmSync(folder, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
