import 'server-only';
import { readEnv } from '@/lib/config/env';

/** What the browser needs to reach the collab server, read at request time so one build serves any config. */
export type CollabEndpoint = { url: string } | { port: number };

export function collabEndpoint(): CollabEndpoint {
  const env = readEnv();
  return env.COLLAB_PUBLIC_URL ? { url: env.COLLAB_PUBLIC_URL } : { port: env.COLLAB_PORT };
}
