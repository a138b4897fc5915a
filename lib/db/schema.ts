import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const manuscripts = sqliteTable('manuscripts', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  /** Set when a stored update failed to decode; the collab server refuses the room until cleared. */
  quarantinedAt: integer('quarantined_at', { mode: 'timestamp_ms' }),
  quarantineReason: text('quarantine_reason'),
});

/** The append-only update log of each manuscript's Y.Doc; compaction folds it into one snapshot row. */
export const documentUpdates = sqliteTable(
  'document_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    manuscriptId: text('manuscript_id')
      .notNull()
      .references(() => manuscripts.id, { onDelete: 'cascade' }),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (table) => [index('document_updates_manuscript_seq').on(table.manuscriptId, table.seq)],
);

export type Manuscript = typeof manuscripts.$inferSelect;
