import { getTableColumns, getTableName, is, SQL, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as schema from '../sqlite/schema';

type Schema = typeof schema;
type SchemaTables = { [K in keyof Schema as Schema[K] extends SQLiteTable ? K : never]: Schema[K] };

/** Every table of the one schema, by its export name: a table added there is kept here too, with its rows, defaults and cascades. */
export const TABLES = Object.fromEntries(Object.entries(schema).filter(([, value]) => is(value, SQLiteTable))) as SchemaTables;

export type TableName = keyof typeof TABLES;

/** Bytes are kept as plain Uint8Arrays, as every record hands them out. */
type WithBytes<T> = { [K in keyof T]: T[K] extends Buffer ? Uint8Array : T[K] };
export type Row<N extends TableName> = WithBytes<InferSelectModel<(typeof TABLES)[N]>>;
export type NewRow<N extends TableName> = WithBytes<InferInsertModel<(typeof TABLES)[N]>>;

/** The memory engine's tables: one array of rows per table of the schema, shared by its stores. */
export interface MemoryTables {
  rows: { [N in TableName]: Row<N>[] };
  /** The next document_updates seq (the column autoincrements). */
  nextSeq: number;
  /** Set by a test to make every append fail, as a full disk would. */
  failAppends: boolean;
}

export function createMemoryTables(): MemoryTables {
  const rows = Object.fromEntries(Object.keys(TABLES).map((name) => [name, []])) as unknown as MemoryTables['rows'];
  return { rows, nextSeq: 1, failAppends: false };
}

const columnsOf = (name: TableName) => getTableColumns(TABLES[name]) as Record<string, SQLiteColumn>;

interface Reference {
  child: TableName;
  childKey: string;
  parentKey: string;
  onDelete: string | undefined;
}

const propertyOf = (name: TableName, columnName: string) => Object.entries(columnsOf(name)).find(([, column]) => column.name === columnName)![0];
const tableNamed = new Map<string, TableName>(Object.entries(TABLES).map(([name, table]) => [getTableName(table), name as TableName]));

/** For each table, the foreign keys that point at it and those it holds, read once from the schema. */
const referencesTo = new Map<TableName, Reference[]>();
const referencesFrom = new Map<TableName, (Reference & { parent: TableName })[]>();
for (const child of Object.keys(TABLES) as TableName[]) {
  for (const key of getTableConfig(TABLES[child]).foreignKeys) {
    const { columns, foreignColumns, foreignTable } = key.reference();
    const parent = tableNamed.get(getTableName(foreignTable))!;
    const reference = { child, childKey: propertyOf(child, columns[0]!.name), parentKey: propertyOf(parent, foreignColumns[0]!.name), onDelete: key.onDelete };
    referencesTo.set(parent, [...(referencesTo.get(parent) ?? []), reference]);
    referencesFrom.set(child, [...(referencesFrom.get(child) ?? []), { ...reference, parent }]);
  }
}

/**
 * Inserts a row, filling what is left out with the schema's defaults (the only SQL default is
 * "now"); like SQLite with foreign_keys on, a reference to a row that does not exist is refused.
 */
export function insertRow<N extends TableName>(tables: MemoryTables, name: N, values: NewRow<N>): Row<N> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columnsOf(name))) {
    const given = (values as Record<string, unknown>)[key];
    if (given !== undefined) row[key] = given;
    else if (column.hasDefault) row[key] = is(column.default, SQL) ? new Date() : column.default;
    else row[key] = null;
  }
  for (const { parent, parentKey, childKey } of referencesFrom.get(name) ?? []) {
    const value = row[childKey];
    if (value !== null && !tables.rows[parent].some((candidate) => (candidate as Record<string, unknown>)[parentKey] === value)) {
      throw new Error(`FOREIGN KEY constraint failed: ${getTableName(TABLES[name])}.${childKey} ${String(value)}`);
    }
  }
  tables.rows[name].push(row as Row<N>);
  return row as Row<N>;
}

export function selectRows<N extends TableName>(tables: MemoryTables, name: N, where: (row: Row<N>) => boolean = () => true): Row<N>[] {
  return tables.rows[name].filter(where);
}

export function findRow<N extends TableName>(tables: MemoryTables, name: N, where: (row: Row<N>) => boolean): Row<N> | undefined {
  return tables.rows[name].find(where);
}

/** Deletes the matching rows and follows the schema's ON DELETE rules (cascade, set null); returns how many rows of `name` went. */
export function deleteRows<N extends TableName>(tables: MemoryTables, name: N, where: (row: Row<N>) => boolean): number {
  const gone = tables.rows[name].filter(where);
  if (gone.length === 0) return 0;
  const goneRows = new Set<object>(gone);
  tables.rows[name] = tables.rows[name].filter((row) => !goneRows.has(row)) as MemoryTables['rows'][N];
  for (const { child, childKey, parentKey, onDelete } of referencesTo.get(name) ?? []) {
    const keys = new Set(gone.map((row) => (row as Record<string, unknown>)[parentKey]));
    const pointing = (row: object) => keys.has((row as Record<string, unknown>)[childKey]);
    if (onDelete === 'cascade') deleteRows(tables, child, pointing);
    else if (onDelete === 'set null') for (const row of tables.rows[child].filter(pointing)) (row as Record<string, unknown>)[childKey] = null;
  }
  return gone.length;
}

/**
 * Runs several writes as one transaction: if one throws (a foreign key, say), the tables are put
 * back as they were, as a rollback would.
 */
export function atomically<T>(tables: MemoryTables, write: () => T): T {
  const saved = Object.fromEntries(Object.entries(tables.rows).map(([name, rows]) => [name, rows.map((row) => ({ ...row }))]));
  const nextSeq = tables.nextSeq;
  try {
    return write();
  } catch (error) {
    tables.rows = saved as unknown as MemoryTables['rows'];
    tables.nextSeq = nextSeq;
    throw error;
  }
}

/** Copies a row out of the tables, so a caller's changes never reach what is stored. */
export const copyRow = <T extends object>(row: T): T => ({ ...row });

/** The live (not trashed) manuscript with this id, if any. */
export function liveManuscript(tables: MemoryTables, manuscriptId: string): Row<'manuscripts'> | undefined {
  return findRow(tables, 'manuscripts', (row) => row.id === manuscriptId && row.deletedAt === null);
}

/** A member's membership row, trashed manuscript or not. */
export function membershipOf(tables: MemoryTables, manuscriptId: string, userId: string): Row<'memberships'> | undefined {
  return findRow(tables, 'memberships', (row) => row.manuscriptId === manuscriptId && row.userId === userId);
}

/** Adds a membership unless there is one (a primary key of manuscript and writer); the existing role stays. */
export function addMembership(tables: MemoryTables, values: NewRow<'memberships'>): void {
  if (!membershipOf(tables, values.manuscriptId, values.userId)) insertRow(tables, 'memberships', values);
}

/** Sorts oldest first by a date; rows stored in the same millisecond keep the order they were stored in. */
export const oldestFirst = <T>(rows: T[], dateOf: (row: T) => Date | null): T[] => [...rows].sort((a, b) => (dateOf(a)?.getTime() ?? 0) - (dateOf(b)?.getTime() ?? 0));
/** Sorts newest first by a date; of rows stored in the same millisecond, the one stored last comes first. */
export const newestFirst = <T>(rows: T[], dateOf: (row: T) => Date | null): T[] => oldestFirst(rows, dateOf).reverse();

/** The writer's name, or null once they are gone (a LEFT JOIN on users). */
export const nameOf = (tables: MemoryTables, userId: string | null): string | null => (userId === null ? null : (findRow(tables, 'users', (row) => row.id === userId)?.name ?? null));
