import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// Resolved from the project root, like the SQLite migrations (bundlers move this file).
export const PG_MIGRATIONS_DIR = path.join(process.cwd(), 'lib', 'storage', 'pg', 'migrations');

// bigint columns hold epoch milliseconds and log sequence numbers, all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type PgPool = pg.Pool;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export interface PgOptions {
  /** A schema to live in (created if missing): tests get one each, so runs never meet. */
  schema?: string;
  max?: number;
}

/** Opens a pool on `url` and brings the schema up to date before returning. */
export async function openPgPool(url: string, options: PgOptions = {}): Promise<PgPool> {
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`bad schema name: ${options.schema}`);
  if (options.schema) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client's error (a server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await migratePg(pool);
  return pool;
}

/** Applies the numbered migrations once, under an advisory lock so instances starting together take turns. */
export async function migratePg(pool: PgPool, dir: string = PG_MIGRATIONS_DIR): Promise<void> {
  const files = fs.readdirSync(/*turbopackIgnore: true*/ dir).filter((name) => name.endsWith('.sql')).sort();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('scriptorium:migrate'))");
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((row) => row.name));
    for (const name of files) {
      if (applied.has(name)) continue;
      await client.query(fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), 'utf8'));
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in one transaction on one client. */
export async function inTransaction<T>(pool: PgPool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
