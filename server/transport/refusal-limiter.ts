import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Addresses whose handshakes keep failing (no token, forged token, unknown room) are refused at
 * the HTTP upgrade for a while, before any WebSocket or token work: a flood costs the server one
 * short HTTP answer per attempt, and writers elsewhere keep their event loop.
 */
export class RefusalLimiter {
  private readonly failures: RateLimiterMemory;

  constructor(options: { failures: number; perSeconds: number; blockSeconds: number }) {
    this.failures = new RateLimiterMemory({ points: options.failures, duration: options.perSeconds, blockDuration: options.blockSeconds });
  }

  /** True while this address is blocked. */
  async isBlocked(address: string): Promise<boolean> {
    const state = await this.failures.get(address);
    return state !== null && state.consumedPoints > this.failures.points;
  }

  /** Records one failed handshake from this address. */
  async fail(address: string): Promise<void> {
    await this.failures.consume(address).catch(() => undefined);
  }
}
