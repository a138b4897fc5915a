import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../sqlite/connection';
import { openTestPgSchema } from './test-database';

/** Table → sorted column names. */
type Shape = Record<string, string[]>;

function sqliteShape(db: Db): Shape {
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.$client.pragma(`table_info(${name})`) as { name: string }[]).map((column) => column.name).sort()]),
  );
}

// A migration added on one engine only shows up here, not as a missing table in production.
describe('the PostgreSQL schema', () => {
  let db: Db;
  let pg: Awaited<ReturnType<typeof openTestPgSchema>>;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    pg = await openTestPgSchema();
  });
  afterAll(async () => {
    db?.$client.close();
    await pg?.drop();
  });

  it('has every table and column of the SQLite schema, and no other', async () => {
    const { rows } = await pg.pool.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name <> 'schema_migrations'",
      [pg.schema],
    );
    const shape: Shape = {};
    for (const row of rows) (shape[row.table_name] ??= []).push(row.column_name);
    for (const columns of Object.values(shape)) columns.sort();
    expect(shape).toEqual(sqliteShape(db));
  });
});
