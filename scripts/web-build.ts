import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

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

export function ensureWebBuild(root: string): void {
  const stamp = path.join(root, '.next', 'scriptorium-source');
  const fingerprint = sourceFingerprint(root);
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) return;
  console.log('[start] building the web app (once per change of source)…');
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stamp, fingerprint);
}
