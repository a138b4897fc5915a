import type { Persistence, StoredUpdate } from './persistence';

interface MemoryDocument {
  rows: StoredUpdate[];
  quarantine?: string;
}

/** In-memory twin of the SQLite persistence, for unit tests. `failAppends` simulates a full disk. */
export function createMemoryPersistence() {
  const documents = new Map<string, MemoryDocument>();
  const wordCounts = new Map<string, number>();
  let nextSeq = 1;
  const state = { failAppends: false };

  const persistence: Persistence = {
    async load(id) {
      const document = documents.get(id);
      if (!document) return { status: 'missing' };
      if (document.quarantine) return { status: 'quarantined', reason: document.quarantine };
      return { status: 'ok', rows: document.rows.map((row) => ({ ...row })) };
    },
    async append(id, update) {
      if (state.failAppends) throw new Error('simulated storage failure');
      const document = documents.get(id);
      if (!document) throw new Error(`unknown manuscript ${id}`);
      const seq = nextSeq++;
      document.rows.push({ seq, bytes: update.slice() });
      return seq;
    },
    async compact(id, snapshot, throughSeq, wordCount) {
      wordCounts.set(id, wordCount);
      const document = documents.get(id);
      if (!document) throw new Error(`unknown manuscript ${id}`);
      document.rows = [{ seq: throughSeq, bytes: snapshot.slice() }, ...document.rows.filter((row) => row.seq > throughSeq)];
    },
    async quarantine(id, reason) {
      const document = documents.get(id);
      if (document) document.quarantine = reason;
    },
  };

  return {
    persistence,
    state,
    /** Creates a manuscript with an optional first row. */
    create(id: string, initial?: Uint8Array) {
      documents.set(id, { rows: initial ? [{ seq: nextSeq++, bytes: initial.slice() }] : [] });
    },
    /** Appends raw bytes without any checks, to simulate a corrupt stored row. */
    appendRaw(id: string, bytes: Uint8Array) {
      documents.get(id)?.rows.push({ seq: nextSeq++, bytes });
    },
    rows(id: string): StoredUpdate[] {
      return documents.get(id)?.rows ?? [];
    },
    wordCount(id: string): number | undefined {
      return wordCounts.get(id);
    },
    quarantineReason(id: string): string | undefined {
      return documents.get(id)?.quarantine;
    },
  };
}
