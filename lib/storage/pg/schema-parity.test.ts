import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../sqlite/connection';
import type { PgPool } from './connect';
import { openTestPgSchema } from './test-database';

/**
 * Each engine's tables, in terms both can state: a column's kind (text, integer, bytes), whether it
 * may be null, its default, each table's primary key, foreign keys and indexes.
 */
type Shape = Record<string, { columns: Record<string, string>; primaryKey: string; foreignKeys: string[]; indexes: string[] }>;

const table = (shape: Shape, name: string) => (shape[name] ??= { columns: {}, primaryKey: '', foreignKeys: [], indexes: [] });

// SQLite's integer holds what PostgreSQL splits into integer and bigint (epoch ms, seqs); blob is bytea.
const KIND: Record<string, string> = { text: 'text', integer: 'integer', bigint: 'integer', blob: 'bytes', bytea: 'bytes' };

/** A default as both engines mean it: "now" in epoch ms, a sequence, or a literal without PostgreSQL's cast. */
function defaultOf(value: string | null): string {
  if (value === null) return 'none';
  if (/unixepoch|clock_timestamp/i.test(value)) return 'now (epoch ms)';
  if (/^nextval\(/.test(value)) return 'sequence';
  return value.replace(/::[a-z ]+$/i, '');
}

const column = (kind: string, notNull: boolean, defaultValue: string) => `${KIND[kind.toLowerCase()] ?? `unmapped ${kind}`} ${notNull ? 'not null' : 'null'} default ${defaultValue}`;
// An index is what it covers and whether it is unique (a UNIQUE column and a unique index are the same thing).
const indexOf = (unique: boolean, columns: string) => `${unique ? 'unique ' : ''}(${columns})`;
const ON_DELETE: Record<string, string> = { 'NO ACTION': 'no action', CASCADE: 'cascade', 'SET NULL': 'set null', RESTRICT: 'restrict', a: 'no action', c: 'cascade', n: 'set null', r: 'restrict' };

function sqliteShape(db: Db): Shape {
  const shape: Shape = {};
  const all = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
  const tables = all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'");
  for (const { name, sql } of tables) {
    const entry = table(shape, name);
    const columns = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`PRAGMA table_info(${name})`);
    for (const col of columns) {
      // An INTEGER PRIMARY KEY AUTOINCREMENT is SQLite's sequence.
      const sequence = col.pk === 1 && /autoincrement/i.test(sql) && col.type.toLowerCase() === 'integer';
      entry.columns[col.name] = column(col.type, col.notnull === 1 || col.pk > 0, sequence ? 'sequence' : defaultOf(col.dflt_value));
    }
    entry.primaryKey = columns.filter((col) => col.pk > 0).sort((a, b) => a.pk - b.pk).map((col) => col.name).join(', ');
    for (const fk of all<{ table: string; from: string; to: string; on_delete: string }>(`PRAGMA foreign_key_list(${name})`)) {
      entry.foreignKeys.push(`${fk.from} → ${fk.table}.${fk.to} on delete ${ON_DELETE[fk.on_delete]}`);
    }
    for (const index of all<{ name: string; unique: number; origin: string }>(`PRAGMA index_list(${name})`)) {
      if (index.origin === 'pk') continue;
      const cols = all<{ name: string }>(`PRAGMA index_info(${index.name})`).map((info) => info.name).join(', ');
      entry.indexes.push(indexOf(index.unique === 1, cols));
    }
  }
  return normalise(shape);
}

async function pgShape(pool: PgPool, schema: string): Promise<Shape> {
  const shape: Shape = {};
  const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name <> 'schema_migrations'",
    [schema],
  );
  for (const col of columns.rows) table(shape, col.table_name).columns[col.column_name] = column(col.data_type, col.is_nullable === 'NO', defaultOf(col.column_default));
  const indexes = await pool.query<{ table_name: string; unique: boolean; primary: boolean; columns: string[] }>(
    `SELECT t.relname AS table_name, ix.indisunique AS unique, ix.indisprimary AS primary,
       array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
     WHERE s.nspname = $1 AND t.relname <> 'schema_migrations'`,
    [schema],
  );
  for (const index of indexes.rows) {
    const entry = table(shape, index.table_name);
    if (index.primary) entry.primaryKey = index.columns.join(', ');
    else entry.indexes.push(indexOf(index.unique, index.columns.join(', ')));
  }
  const foreignKeys = await pool.query<{ table_name: string; from_column: string; to_table: string; to_column: string; on_delete: string }>(
    `SELECT t.relname AS table_name, a.attname AS from_column, f.relname AS to_table, fa.attname AS to_column, c.confdeltype AS on_delete
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace JOIN pg_class f ON f.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND s.nspname = $1`,
    [schema],
  );
  for (const fk of foreignKeys.rows) table(shape, fk.table_name).foreignKeys.push(`${fk.from_column} → ${fk.to_table}.${fk.to_column} on delete ${ON_DELETE[fk.on_delete]}`);
  return normalise(shape);
}

function normalise(shape: Shape): Shape {
  for (const entry of Object.values(shape)) {
    entry.foreignKeys.sort();
    entry.indexes.sort();
  }
  return shape;
}

/**
 * Differences that are known and meant to stay: each says why. drizzle-kit added this column to
 * SQLite with ALTER TABLE, which cannot give a foreign key an ON DELETE action (the schema and
 * PostgreSQL say SET NULL); changing it means rebuilding the SQLite table in a new migration.
 */
const KNOWN_DIFFERENCES = [
  'manuscripts foreignKeys: only on SQLite: last_edited_by → users.id on delete no action',
  'manuscripts foreignKeys: only on PostgreSQL: last_edited_by → users.id on delete set null',
];

/** Every fact one engine states that the other does not, one line each (empty when they agree), known ones aside. */
function differences(sqlite: Shape, pg: Shape): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(sqlite), ...Object.keys(pg)])) {
    const [a, b] = [sqlite[name], pg[name]];
    if (!a || !b) {
      lines.push(`${name}: only on ${a ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    for (const col of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
      if (a.columns[col] !== b.columns[col]) lines.push(`${name}.${col}: SQLite ${a.columns[col] ?? 'missing'}, PostgreSQL ${b.columns[col] ?? 'missing'}`);
    }
    if (a.primaryKey !== b.primaryKey) lines.push(`${name} primary key: SQLite (${a.primaryKey}), PostgreSQL (${b.primaryKey})`);
    for (const kind of ['foreignKeys', 'indexes'] as const) {
      for (const fact of a[kind].filter((each) => !b[kind].includes(each))) lines.push(`${name} ${kind}: only on SQLite: ${fact}`);
      for (const fact of b[kind].filter((each) => !a[kind].includes(each))) lines.push(`${name} ${kind}: only on PostgreSQL: ${fact}`);
    }
  }
  return lines.filter((line) => !KNOWN_DIFFERENCES.includes(line));
}

// The schema is written twice (drizzle's for SQLite, pg/migrations by hand): a change made on one engine only shows up here.
describe('the PostgreSQL schema', () => {
  let db: Db;
  let pg: Awaited<ReturnType<typeof openTestPgSchema>>;
  let planted: Awaited<ReturnType<typeof openTestPgSchema>>;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    [pg, planted] = await Promise.all([openTestPgSchema(), openTestPgSchema()]);
  });
  afterAll(async () => {
    db?.$client.close();
    await Promise.all([pg?.drop(), planted?.drop()]);
  });

  it('states the SQLite schema: columns with their kinds, nullability and defaults, keys and indexes', async () => {
    const sqlite = sqliteShape(db);
    expect(Object.keys(sqlite).length).toBeGreaterThan(10);
    expect(differences(sqlite, await pgShape(pg.pool, pg.schema))).toEqual([]);
  });

  it('tells each kind of planted difference apart', async () => {
    await planted.pool.query(`
      ALTER TABLE drafts ALTER COLUMN changed_by DROP DEFAULT;
      ALTER TABLE users ALTER COLUMN name DROP NOT NULL;
      ALTER TABLE manuscripts ALTER COLUMN word_count TYPE text;
      ALTER TABLE comment_threads DROP CONSTRAINT comment_threads_resolved_by_fkey;
      DROP INDEX notifications_user_created;
      ALTER TABLE writer_appearance DROP CONSTRAINT writer_appearance_pkey;
      ALTER TABLE api_tokens ADD COLUMN note text;`);
    expect(differences(sqliteShape(db), await pgShape(planted.pool, planted.schema))).toEqual([
      'manuscripts.word_count: SQLite integer not null default 0, PostgreSQL text not null default 0',
      'api_tokens.note: SQLite missing, PostgreSQL text null default none',
      'users.name: SQLite text not null default none, PostgreSQL text null default none',
      "drafts.changed_by: SQLite text not null default '', PostgreSQL text not null default none",
      'comment_threads foreignKeys: only on SQLite: resolved_by → users.id on delete set null',
      'notifications indexes: only on SQLite: (user_id, created_at)',
      'writer_appearance primary key: SQLite (user_id), PostgreSQL ()',
    ]);
  });
});
