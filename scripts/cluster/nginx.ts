import fs from 'node:fs';
import path from 'node:path';

export const SHIPPED_NGINX_CONF = path.join(__dirname, '..', '..', 'deploy', 'nginx.conf');

const upstreamServers = (ports: number[]) => ports.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n');

/**
 * The shipped deploy/nginx.conf with this run's ports and a private folder for its files: what
 * the tests and `npm run cluster` run is the file operators copy, not a look-alike.
 */
export function renderNginxConf(options: { listen: number; collabPorts: number[]; webPorts?: number[]; dir: string }): string {
  let rendered = fs
    .readFileSync(SHIPPED_NGINX_CONF, 'utf8')
    .replace(/(upstream scriptorium_collab \{\n(?:\s*#.*\n)*\s*hash \$uri consistent;\n)(?:\s*server .*\n)+/, `$1${upstreamServers(options.collabPorts)}\n`)
    .replace('listen 8080;', `listen 127.0.0.1:${options.listen};`)
    .replaceAll('/tmp/scriptorium-nginx', path.join(options.dir, 'nginx'));
  if (options.webPorts) rendered = rendered.replace(/(upstream scriptorium_web \{\n(?:\s*#.*\n)*)(?:\s*server .*\n)+/, `$1${upstreamServers(options.webPorts)}\n`);
  for (const port of [...options.collabPorts, ...(options.webPorts ?? [])]) {
    if (!rendered.includes(`server 127.0.0.1:${port} `)) throw new Error(`deploy/nginx.conf changed shape: port ${port} was not placed`);
  }
  return rendered;
}
