import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailTakenError } from '../records';
import type { PgPool } from './connect';
import { openTestPgSchema } from './test-database';
import { createPgUserStore } from './users';

/** Until a sign-up's INSERT waits on a lock (here: the unique index entry of an uncommitted row). */
async function waitForInsertBlockedOnLock(pool: PgPool): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rowCount } = await pool.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO users AS u %'");
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the sign-up never waited on the uncommitted row');
}

// The shared contract suite races two sign-ups through the store; this one races a row written
// around the store's advisory lock, so only the unique index stands between them.
describe('sign-up on PostgreSQL', () => {
  let test: Awaited<ReturnType<typeof openTestPgSchema>>;
  beforeAll(async () => {
    test = await openTestPgSchema();
  });
  afterAll(async () => test?.drop());

  it('reports a unique violation on the email as EmailTakenError', async () => {
    const users = createPgUserStore(test.pool);
    const other = await test.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query("INSERT INTO users (id, email, name, color) VALUES ('sneaky', 'race@example.test', 'Sneaky', '#000000')");
      // Not yet committed: the sign-up's check misses it, and its insert waits on the index.
      const signUp = users.create({ email: 'race@example.test', name: 'Ada', color: '#112233', passwordHash: null });
      const outcome = signUp.then(() => 'created', (error: unknown) => error);
      await waitForInsertBlockedOnLock(test.pool);
      await other.query('COMMIT');
      expect(await outcome).toBeInstanceOf(EmailTakenError);
    } finally {
      other.release();
    }
    expect((await test.pool.query("SELECT id FROM users WHERE email = 'race@example.test'")).rows).toEqual([{ id: 'sneaky' }]);
  });
});
