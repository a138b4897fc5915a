import type pg from 'pg';

/** A client inside a transaction, or the pool for a single statement. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A bigint epoch-milliseconds column as the Date the SQLite records give. */
export const dateOf = (ms: number): Date => new Date(ms);
export const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** Bytes as a plain Uint8Array (pg hands back a Buffer, which records never expose). */
export const bytesOf = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** True for PostgreSQL's unique_violation (23505), optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: violated } = (error ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

/**
 * Serialises, until the transaction ends, everything that decides by one email (sign-up, sharing):
 * a sign-up and a share to the same address never both miss each other's row.
 */
export async function lockEmail(client: Queryable, email: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('scriptorium:email:' || $1))", [email]);
}
