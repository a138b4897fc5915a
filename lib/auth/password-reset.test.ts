import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, getUserByEmail, openDatabase, passwordResets, type Db } from '../storage/sqlite';
import { consumePasswordReset, userForPasswordReset } from '../storage/sqlite/password-resets';
import { createSqliteStorage } from '../storage/sqlite/storage';
import { hashToken } from './api-token';
import { hashPassword, verifyPassword } from './password';
import { PASSWORD_RESET_LIMITS, PasswordResetLimiter, requestPasswordReset } from './password-reset';

let db: Db;
let sent: { to: string; subject: string; text: string }[];
const mailer = { send: async (message: { to: string; subject: string; text: string }) => void sent.push(message) };
const APP = 'https://desk.example.test';
const tokenIn = (text: string) => /\/reset-password\/([\w-]+)/.exec(text)![1]!;

beforeEach(async () => {
  db = openDatabase('file::memory:');
  sent = [];
  createUser(db, { email: 'ada@example.test', name: 'Ada', color: '#123456', passwordHash: await hashPassword('the old password') });
});
afterEach(() => db.$client.close());

async function ask(email = 'ada@example.test', options: { limiter?: PasswordResetLimiter; now?: Date; address?: string } = {}) {
  return requestPasswordReset({ storage: createSqliteStorage(db), email, address: options.address ?? '203.0.113.7', appUrl: APP, mailer, limiter: options.limiter ?? PasswordResetLimiter.inMemory(), now: options.now });
}

describe('a forgotten password', () => {
  it('is reset by a link emailed to the account, which works once, and only its hash is stored', async () => {
    expect(await ask('  ADA@example.test ')).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'ada@example.test', subject: 'Set a new Scriptorium password' });
    expect(sent[0]!.text).toContain(`${APP}/reset-password/`);
    const token = tokenIn(sent[0]!.text);
    expect(token.length).toBeGreaterThanOrEqual(43);

    const [row] = db.select().from(passwordResets).all();
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    expect(userForPasswordReset(db, token)?.email).toBe('ada@example.test');
    expect(consumePasswordReset(db, token, await hashPassword('a brand new password'))?.email).toBe('ada@example.test');
    expect(await verifyPassword('a brand new password', getUserByEmail(db, 'ada@example.test')!.passwordHash!)).toBe(true);
    // Spent: neither the page nor a second submit accepts it again.
    expect(userForPasswordReset(db, token)).toBeUndefined();
    expect(consumePasswordReset(db, token, await hashPassword('someone else again'))).toBeUndefined();
    expect(await verifyPassword('a brand new password', getUserByEmail(db, 'ada@example.test')!.passwordHash!)).toBe(true);
  });

  it('expires after an hour, and a newer request replaces an older one', async () => {
    const asked = new Date('2026-11-30T12:00:00Z');
    await ask('ada@example.test', { now: asked });
    const first = tokenIn(sent[0]!.text);
    const justBefore = new Date(asked.getTime() + PASSWORD_RESET_LIMITS.TTL_MS - 1000);
    const justAfter = new Date(asked.getTime() + PASSWORD_RESET_LIMITS.TTL_MS + 1000);
    expect(userForPasswordReset(db, first, justBefore)).toBeDefined();
    expect(userForPasswordReset(db, first, justAfter)).toBeUndefined();
    expect(consumePasswordReset(db, first, 'x', justAfter)).toBeUndefined();

    await ask('ada@example.test', { now: asked });
    const second = tokenIn(sent[1]!.text);
    expect(userForPasswordReset(db, first, justBefore)).toBeUndefined();
    expect(userForPasswordReset(db, second, justBefore)).toBeDefined();
  });

  it('answers the same for an unknown email, and sends nothing', async () => {
    expect(await ask('nobody@example.test')).toBe('sent');
    expect(sent).toHaveLength(0);
    expect(db.select().from(passwordResets).all()).toHaveLength(0);
  });

  it('is rate-limited per email and per address, whether or not the account exists', async () => {
    const limiter = PasswordResetLimiter.inMemory();
    for (let i = 0; i < PASSWORD_RESET_LIMITS.PER_EMAIL; i++) expect(await ask('ada@example.test', { limiter, address: `198.51.100.${i}` })).toBe('sent');
    expect(await ask('ada@example.test', { limiter, address: '198.51.100.99' })).toBe('limited');
    expect(sent).toHaveLength(PASSWORD_RESET_LIMITS.PER_EMAIL);

    const fromOne = PasswordResetLimiter.inMemory();
    for (let i = 0; i < PASSWORD_RESET_LIMITS.PER_ADDRESS; i++) expect(await ask(`someone${i}@example.test`, { limiter: fromOne })).toBe('sent');
    expect(await ask('another@example.test', { limiter: fromOne })).toBe('limited');
  });
});
