import 'server-only';
import { Redis } from 'ioredis';
import { PasswordResetLimiter } from '@/lib/auth/password-reset';
import { readEnv } from '@/lib/config/env';

let limiter: PasswordResetLimiter | undefined;

/** One limiter of reset requests per web process: in memory, or shared by every instance through REDIS_URL. */
export function passwordResetLimiter(): PasswordResetLimiter {
  if (limiter) return limiter;
  const { REDIS_URL } = readEnv();
  if (!REDIS_URL) return (limiter = PasswordResetLimiter.inMemory());
  const client = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on('error', () => {}); // the limiter's insurance counts in memory meanwhile; sign-in limits already log Redis trouble
  return (limiter = PasswordResetLimiter.onRedis(client));
}
