import 'server-only';
import { Redis } from 'ioredis';
import { SignInLimiter } from '@/lib/auth/sign-in-limiter';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { readEnv } from '@/lib/config/env';

let limiter: SignInLimiter | undefined;

/** One limiter per web process: in memory, or shared by every instance through REDIS_URL. */
export function signInLimiter(): SignInLimiter {
  if (limiter) return limiter;
  const { REDIS_URL } = readEnv();
  if (!REDIS_URL) return (limiter = SignInLimiter.inMemory());
  // No offline queue: while Redis is away, the limiter falls back to this process's memory at once.
  const client = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let warned = false;
  client.on('error', (error) => {
    if (!warned) console.error('[web] Redis unavailable for sign-in limits; counting in memory until it returns:', error.message);
    warned = true;
  });
  client.on('ready', () => (warned = false));
  return (limiter = SignInLimiter.onRedis(client));
}

/** The address the web server's front door stamped (see scripts/web-server.ts); never a client's own claim. */
export function signInAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
