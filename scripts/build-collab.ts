/**
 * Bundles the collab server into dist/collab/ (ESM, dependencies left to node_modules), so the
 * production start runs plain JavaScript instead of transpiling TypeScript in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const COLLAB_ENTRY = path.join('dist', 'collab', 'index.mjs');

export async function buildCollab(root: string): Promise<void> {
  fs.rmSync(path.join(root, 'dist', 'collab'), { recursive: true, force: true });
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
    outdir: path.join('dist', 'collab'),
    outExtension: { '.js': '.mjs' },
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  buildCollab(path.resolve(__dirname, '..')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
