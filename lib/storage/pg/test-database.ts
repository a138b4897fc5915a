import { newId } from '../secrets';
import { openPgPool, type PgPool } from './connect';

/** The PostgreSQL the tests use: the machine's own (trust auth on loopback), never a mock. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A pool on a fresh schema of the test database, and a way to drop it: parallel runs never meet. */
export async function openTestPgSchema(): Promise<{ pool: PgPool; schema: string; drop(): Promise<void> }> {
  const schema = `test_${newId(10)}`;
  const pool = await openPgPool(TEST_POSTGRES_URL, { schema });
  return {
    pool,
    schema,
    async drop() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}
