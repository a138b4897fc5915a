/**
 * Bundles the collab server (ESM, dependencies left to node_modules), so the production start runs
 * plain JavaScript instead of transpiling TypeScript in memory. Each build goes to a folder named by
 * a hash of its sources, dist/collab/<hash>/, and is never rewritten or removed while a process may
 * load its chunks: several instances start at once from one checkout, and an upgrade leaves the
 * running ones their own build. dist/collab/index.mjs starts the newest build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { launcherSource, pruneBuilds, touch } from './collab-builds';

/** The launcher every collab process starts from: it runs the newest build. */
export const COLLAB_ENTRY = path.join('dist', 'collab', 'index.mjs');

/** What the bundle is made from; a change to any of it makes a new build. */
const SOURCES = ['server', 'lib', 'package-lock.json', 'tsconfig.json', 'scripts/build-collab.ts', 'scripts/collab-builds.ts'];

function sourceHash(root: string): string {
  const hash = crypto.createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) visit(path.join(entry, child));
    } else if (!entry.endsWith('.test.ts')) {
      hash.update(`${entry}\0`).update(fs.readFileSync(full)).update('\0');
    }
  };
  for (const entry of SOURCES) visit(entry);
  return hash.digest('hex').slice(0, 16);
}

async function bundle(root: string, outdir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: {
      index: 'server/index.ts',
      'fold-worker': 'lib/storage/log/fold-worker.ts',
      'log-writer-worker': 'lib/storage/sqlite/log-writer-worker.ts',
    },
    bundle: true,
    // Rarely used modules (the editor schema a draft restore needs) stay in their own chunk until asked for.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    packages: 'external',
    sourcemap: true,
    // Our modules name their own folder with __dirname (so CommonJS loaders, like Playwright's, can load them); in an ES module bundle it is the bundle's folder.
    banner: { js: "import { fileURLToPath as __toPath } from 'node:url'; import { dirname as __dirOf } from 'node:path'; const __dirname = __dirOf(__toPath(import.meta.url));" },
    logLevel: 'warning',
  });
}

/** Builds the collab server unless this source is built already; returns the build's folder. */
export async function buildCollab(root: string): Promise<string> {
  const builds = path.join(root, 'dist', 'collab');
  const hash = sourceHash(root);
  const target = path.join(builds, hash);
  if (!fs.existsSync(path.join(target, 'index.mjs'))) {
    // Built aside and renamed into place in one step: a folder under its hash is always complete.
    const scratch = path.join(builds, `.building-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    await bundle(root, scratch);
    try {
      fs.renameSync(scratch, target);
    } catch (error) {
      // Another instance starting at the same moment placed the same build first: use theirs.
      fs.rmSync(scratch, { recursive: true, force: true });
      if (!fs.existsSync(path.join(target, 'index.mjs'))) throw error;
    }
  }
  touch(target);
  const launcher = path.join(root, COLLAB_ENTRY);
  const source = launcherSource(hash);
  // Rewritten only when it changes, and by rename: a process reading it never sees half a file.
  if (!fs.existsSync(launcher) || fs.readFileSync(launcher, 'utf8') !== source) {
    const scratch = `${launcher}.${process.pid}.tmp`;
    fs.writeFileSync(scratch, source);
    fs.renameSync(scratch, launcher);
  }
  pruneBuilds(builds, hash);
  return target;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  buildCollab(path.resolve(__dirname, '..')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
