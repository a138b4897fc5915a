import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { deleteRows, insertRow, TABLES, type MemoryTables, type NewRow, type TableName } from '../memory/tables';
import type { PgPool } from '../pg/connect';
import type { Db } from '../sqlite/connection';

/** A row as stored, keyed by the schema's column names (snake_case); times in epoch ms. */
export type StoredRow = Record<string, unknown>;
/** Columns and the values they must equal. */
export type Where = Record<string, unknown>;

/**
 * What a contract test sets up or looks at below the Storage interface, the same way on every
 * engine: the rows a store keeps (only a secret's hash?), a date in the past, an older or damaged
 * row, a writer's account gone. Table and column names are the schema's; values are never spliced.
 */
export interface StoredRows {
  select(table: string, where?: Where): Promise<StoredRow[]>;
  /** Inserts a row; columns left out take the schema's defaults. */
  insert(table: string, values: StoredRow): Promise<void>;
  update(table: string, set: Where, where: Where): Promise<void>;
  /** Deletes as the database would, following the schema's ON DELETE rules. */
  delete(table: string, where: Where): Promise<void>;
}

/** `a = $1 AND b = $2…` for the columns of `where`, numbered from `first`. */
function conditions(where: Where, first: number): string {
  const keys = Object.keys(where);
  return keys.length === 0 ? 'TRUE' : keys.map((column, index) => `${column} = $${first + index}`).join(' AND ');
}
const assignments = (set: Where) => Object.keys(set).map((column, index) => `${column} = $${index + 1}`).join(', ');

/** The SQL both SQL engines run; `run` adapts the placeholders and the driver. */
function sqlRows(run: (sql: string, params: unknown[]) => Promise<StoredRow[]>): StoredRows {
  return {
    select: (table, where = {}) => run(`SELECT * FROM ${table} WHERE ${conditions(where, 1)}`, Object.values(where)),
    async insert(table, values) {
      const columns = Object.keys(values);
      await run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`, Object.values(values));
    },
    async update(table, set, where) {
      await run(`UPDATE ${table} SET ${assignments(set)} WHERE ${conditions(where, Object.keys(set).length + 1)}`, [...Object.values(set), ...Object.values(where)]);
    },
    async delete(table, where) {
      await run(`DELETE FROM ${table} WHERE ${conditions(where, 1)}`, Object.values(where));
    },
  };
}

export function sqliteStoredRows(db: Db): StoredRows {
  return sqlRows(async (sql, params) => {
    const statement = db.$client.prepare(sql.replace(/\$\d+/g, '?'));
    return statement.reader ? (statement.all(...params) as StoredRow[]) : (statement.run(...params), []);
  });
}

export function pgStoredRows(pool: PgPool): StoredRows {
  return sqlRows(async (sql, params) => (await pool.query(sql, params)).rows as StoredRow[]);
}

/** The memory engine's rows seen through the schema's column names: dates go out and come in as epoch ms, as SQLite's do. */
export function memoryStoredRows(tables: MemoryTables): StoredRows {
  const tableNamed = (sqlName: string) => {
    const name = (Object.keys(TABLES) as TableName[]).find((key) => getTableName(TABLES[key]) === sqlName);
    if (!name) throw new Error(`no table ${sqlName}`);
    const columns = Object.entries(getTableColumns(TABLES[name]) as Record<string, SQLiteColumn>);
    return { name, columns };
  };
  const stored = (columns: [string, SQLiteColumn][], row: object): StoredRow =>
    Object.fromEntries(columns.map(([key, column]) => [column.name, epochOf((row as Record<string, unknown>)[key])]));
  const matches = (columns: [string, SQLiteColumn][], where: Where) => (row: object) => Object.entries(where).every(([column, value]) => stored(columns, row)[column] === value);
  return {
    async select(table, where = {}) {
      const { name, columns } = tableNamed(table);
      return tables.rows[name].filter(matches(columns, where)).map((row) => stored(columns, row));
    },
    async insert(table, values) {
      const { name, columns } = tableNamed(table);
      insertRow(tables, name, propertiesOf(columns, values) as NewRow<typeof name>);
    },
    async update(table, set, where) {
      const { name, columns } = tableNamed(table);
      for (const row of tables.rows[name].filter(matches(columns, where))) Object.assign(row, propertiesOf(columns, set));
    },
    async delete(table, where) {
      const { name, columns } = tableNamed(table);
      deleteRows(tables, name, matches(columns, where));
    },
  };
}

const epochOf = (value: unknown) => (value instanceof Date ? value.getTime() : value);

/** Column values as the memory engine keeps them, under the row's property names (epoch ms become Dates). */
function propertiesOf(columns: [string, SQLiteColumn][], values: StoredRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([column, value]) => {
      const found = columns.find(([, candidate]) => candidate.name === column);
      if (!found) throw new Error(`no column ${column}`);
      const [key, definition] = found;
      return [key, definition.columnType === 'SQLiteTimestamp' && typeof value === 'number' ? new Date(value) : value];
    }),
  );
}
