/**
 * `npm run build`: builds the web app and the collab server ahead of starting, as a step of its own
 * (a start builds only what is missing). Safe while instances run: collab builds are content-addressed.
 */
import path from 'node:path';
import { buildCollab } from './build-collab';
import { ensureWebBuild } from './web-build';

const root = path.resolve(__dirname, '..');
process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureWebBuild(root);
buildCollab(root).then(
  (folder) => console.log(`[build] web: .next; collab: ${path.relative(root, folder)}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
