import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { addressBucket } from '../http/client-address';

/** How wrong passwords slow sign-in down. Nothing here ever refuses an account from another address. */
export const SIGN_IN_LIMITS = {
  /** Wrong passwords from one address (any accounts) per window; one more and that address waits PER_ADDRESS_BLOCK_S. */
  PER_ADDRESS_FAILURES: 50,
  PER_ADDRESS_WINDOW_S: 15 * 60,
  PER_ADDRESS_BLOCK_S: 15 * 60,
  /** Wrong passwords in a row for one account from one address before that pair pauses. */
  PER_PAIR_FAILURES: 5,
  PER_PAIR_WINDOW_S: 15 * 60,
  /** The pair's pauses double from the first to the last within a day: 1, 2, 4, 8, 15, 15… minutes. */
  FIRST_PAUSE_S: 60,
  LONGEST_PAUSE_S: 15 * 60,
  PAUSE_MEMORY_S: 24 * 60 * 60,
} as const;

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

type Stores = { perAddress: RateLimiterAbstract; perPair: RateLimiterAbstract; pairPauses: RateLimiterAbstract };
type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration?: number };

const L = SIGN_IN_LIMITS;
const OPTIONS: Record<keyof Stores, LimiterOptions> = {
  perAddress: { keyPrefix: 'signin:address', points: L.PER_ADDRESS_FAILURES, duration: L.PER_ADDRESS_WINDOW_S, blockDuration: L.PER_ADDRESS_BLOCK_S },
  perPair: { keyPrefix: 'signin:pair', points: L.PER_PAIR_FAILURES, duration: L.PER_PAIR_WINDOW_S },
  pairPauses: { keyPrefix: 'signin:pauses', points: 10_000, duration: L.PAUSE_MEMORY_S },
};

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit, and with an Error when the store fails. */
async function consumeOne(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  return limiter.consume(key).catch((outcome: unknown) => {
    if (outcome instanceof RateLimiterRes) return outcome;
    throw outcome;
  });
}

/**
 * Sign-in throttling per address and per (account, address), in memory or shared through Redis.
 * A stranger guessing a writer's password pauses only their own address, never the writer's.
 */
export class SignInLimiter {
  private constructor(private readonly stores: Stores) {}

  static inMemory(): SignInLimiter {
    return new SignInLimiter({
      perAddress: new RateLimiterMemory(OPTIONS.perAddress),
      perPair: new RateLimiterMemory(OPTIONS.perPair),
      pairPauses: new RateLimiterMemory(OPTIONS.pairPauses),
    });
  }

  /** Shared by every web instance; if Redis is unreachable each instance falls back to its own memory. */
  static onRedis(client: Redis, keyPrefix = 'scriptorium'): SignInLimiter {
    const redis = (options: LimiterOptions) =>
      new RateLimiterRedis({ ...options, storeClient: client, keyPrefix: `${keyPrefix}:${options.keyPrefix}`, insuranceLimiter: new RateLimiterMemory(options) });
    return new SignInLimiter({ perAddress: redis(OPTIONS.perAddress), perPair: redis(OPTIONS.perPair), pairPauses: redis(OPTIONS.pairPauses) });
  }

  /** Whether this account may try a password from this address now. */
  async check(email: string, address: string): Promise<SignInVerdict> {
    const [byAddress, byPair] = await Promise.all([this.stores.perAddress.get(addressKey(address)), this.stores.perPair.get(pairKey(email, address))]);
    const waits = [
      byAddress && byAddress.consumedPoints > this.stores.perAddress.points ? byAddress.msBeforeNext : 0,
      byPair && byPair.consumedPoints > this.stores.perPair.points ? byPair.msBeforeNext : 0,
    ];
    const retryAfterMs = Math.max(...waits);
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const pair = pairKey(email, address);
    const [, byPair] = await Promise.all([consumeOne(this.stores.perAddress, addressKey(address)), consumeOne(this.stores.perPair, pair)]);
    // Exactly at the limit: attempts already in flight when the pause began do not stack more pauses.
    if (byPair.consumedPoints !== this.stores.perPair.points) return;
    const pauses = await consumeOne(this.stores.pairPauses, pair);
    const pauseS = Math.min(L.FIRST_PAUSE_S * 2 ** (pauses.consumedPoints - 1), L.LONGEST_PAUSE_S);
    await this.stores.perPair.block(pair, pauseS);
  }

  /** A right password clears that pair's run of failures; the address's count stays. */
  async recordSuccess(email: string, address: string): Promise<void> {
    const pair = pairKey(email, address);
    await Promise.all([this.stores.perPair.delete(pair), this.stores.pairPauses.delete(pair)]);
  }
}

const addressKey = (address: string) => addressBucket(address);
const pairKey = (email: string, address: string) => `${addressBucket(address)}|${email.trim().toLowerCase()}`;
