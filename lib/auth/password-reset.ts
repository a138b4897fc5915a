import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { normalizeEmail } from '../storage/records';
import type { Storage } from '../storage/storage';
import { addressBucket } from '../http/client-address';
import type { Mailer } from '../notifications/mail';

/** How long an emailed reset link works, and how often one may be asked for. */
export const PASSWORD_RESET_LIMITS = {
  TTL_MS: 60 * 60 * 1000,
  /** Requests from one address (any emails) per window. */
  PER_ADDRESS: 10,
  /** Requests for one email (from anywhere) per window: a stranger cannot flood a writer's mailbox. */
  PER_EMAIL: 3,
  WINDOW_S: 60 * 60,
} as const;

const L = PASSWORD_RESET_LIMITS;

/** Counts reset requests per address and per email, in memory or shared through Redis. */
export class PasswordResetLimiter {
  private constructor(
    private readonly perAddress: RateLimiterAbstract,
    private readonly perEmail: RateLimiterAbstract,
  ) {}

  static inMemory(): PasswordResetLimiter {
    return new PasswordResetLimiter(
      new RateLimiterMemory({ keyPrefix: 'reset:address', points: L.PER_ADDRESS, duration: L.WINDOW_S }),
      new RateLimiterMemory({ keyPrefix: 'reset:email', points: L.PER_EMAIL, duration: L.WINDOW_S }),
    );
  }

  static onRedis(client: Redis, keyPrefix = 'scriptorium'): PasswordResetLimiter {
    const redis = (key: string, points: number) =>
      new RateLimiterRedis({ storeClient: client, keyPrefix: `${keyPrefix}:${key}`, points, duration: L.WINDOW_S, insuranceLimiter: new RateLimiterMemory({ keyPrefix: key, points, duration: L.WINDOW_S }) });
    return new PasswordResetLimiter(redis('reset:address', L.PER_ADDRESS), redis('reset:email', L.PER_EMAIL));
  }

  /** Takes one request from both budgets; false when either is spent. */
  async take(email: string, address: string): Promise<boolean> {
    const take = (limiter: RateLimiterAbstract, key: string) =>
      limiter.consume(key).then(
        () => true,
        (outcome: unknown) => {
          if (outcome instanceof RateLimiterRes) return false;
          throw outcome;
        },
      );
    const [byAddress, byEmail] = await Promise.all([take(this.perAddress, addressBucket(address)), take(this.perEmail, normalizeEmail(email))]);
    return byAddress && byEmail;
  }
}

/** 256 random bits: guessing one is hopeless, so a plain SHA-256 of it is what is stored. */
export const newResetToken = () => crypto.randomBytes(32).toString('base64url');

export const resetLinkOf = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, '')}/reset-password/${token}`;

/**
 * A writer forgot their password: if the email is an account's, store a single-use reset and email
 * its link. The answer is the same whether or not the account exists ('sent'), so the form cannot
 * be used to learn who has an account; only a spent request budget says 'limited'.
 */
export async function requestPasswordReset(input: {
  storage: Storage;
  email: string;
  address: string;
  appUrl: string;
  mailer: Mailer;
  limiter: PasswordResetLimiter;
  now?: Date;
}): Promise<'sent' | 'limited'> {
  if (!(await input.limiter.take(input.email, input.address))) return 'limited';
  const user = await input.storage.users.getByEmail(input.email);
  if (!user) return 'sent';
  const token = newResetToken();
  const now = input.now ?? new Date();
  await input.storage.users.insertPasswordReset({ userId: user.id, token, expiresAt: new Date(now.getTime() + L.TTL_MS) });
  // Not awaited: an answer that took longer for real accounts would tell who has one.
  void input.mailer
    .send({
    to: user.email,
    subject: 'Set a new Scriptorium password',
    text: [
      `Someone (we hope you) asked to set a new password for the Scriptorium account ${user.email}.`,
      '',
      'Set it here. The link works once, within the next hour:',
      `  ${resetLinkOf(input.appUrl, token)}`,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
      '',
    ].join('\n'),
    })
    .catch((error: unknown) => console.error('[auth] password reset email failed:', (error as Error).message));
  return 'sent';
}
