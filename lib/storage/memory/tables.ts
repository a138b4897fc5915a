import type { Draft, Manuscript, Role, StoredUpdate } from '../records';

/** The memory engine's tables: plain maps, one per kind of row, shared by its stores. */
export interface MemoryTables {
  manuscripts: Map<string, Manuscript>;
  /** Each manuscript's log, oldest first. */
  logs: Map<string, StoredUpdate[]>;
  /** manuscriptId → userId → role. */
  members: Map<string, Map<string, Role>>;
  drafts: Map<string, Draft>;
  nextSeq: number;
  /** Set by a test to make every append fail, as a full disk would. */
  failAppends: boolean;
}

export function createMemoryTables(): MemoryTables {
  return { manuscripts: new Map(), logs: new Map(), members: new Map(), drafts: new Map(), nextSeq: 1, failAppends: false };
}

/** A manuscript row with the schema's defaults. */
export function newManuscriptRow(id: string, title: string, now = new Date()): Manuscript {
  const titlePage = { authorLegalName: '', byline: '', contactAddress: '', contactEmail: '', contactPhone: '', genre: '', runningHeadKeyword: '' };
  return { id, title, createdAt: now, updatedAt: now, quarantinedAt: null, quarantineReason: null, deletedAt: null, lastEditedBy: null, wordCount: 0, ...titlePage, targetWords: null, deadline: null };
}
