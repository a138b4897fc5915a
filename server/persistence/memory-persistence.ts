import { foldRows } from './fold';
import type { Persistence, StoredUpdate } from './persistence';

interface MemoryDocument {
  rows: StoredUpdate[];
  quarantine?: string;
}

/** In-memory twin of the SQLite persistence, for unit tests. `failAppends` simulates a full disk. */
export function createMemoryPersistence() {
  const documents = new Map<string, MemoryDocument>();
  const wordCounts = new Map<string, number>();
  const drafts = new Map<string, { name: string; state: Uint8Array; changedBy: string[] }>();
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
    },
    async compact(id) {
      const document = documents.get(id);
      if (!document) throw new Error(`unknown manuscript ${id}`);
      if (document.rows.length <= 1) return;
      const folded = foldRows(document.rows);
      wordCounts.set(id, folded.wordCount);
      document.rows = [{ seq: folded.throughSeq, bytes: folded.state }, ...document.rows.filter((row) => row.seq > folded.throughSeq)];
    },
    async quarantine(id, reason) {
      const document = documents.get(id);
      if (document) document.quarantine = reason;
    },
    async saveCheckpoint(id, checkpoint) {
      const draftId = `checkpoint${nextSeq++}`;
      const folded = foldRows(documents.get(id)?.rows ?? []);
      drafts.set(`${id}/${draftId}`, { name: checkpoint.name, state: folded.state, changedBy: checkpoint.changedBy });
    },
    async loadDraft(id, draftId) {
      const draft = drafts.get(`${id}/${draftId}`);
      return draft ? { name: draft.name, state: draft.state.slice() } : null;
    },
    async flush() {},
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
    /** Saves a named draft directly, as web would. */
    addDraft(id: string, draftId: string, name: string, state: Uint8Array) {
      drafts.set(`${id}/${draftId}`, { name, state: state.slice(), changedBy: [] });
    },
    checkpoints(id: string) {
      return [...drafts.entries()].filter(([key]) => key.startsWith(`${id}/checkpoint`)).map(([, draft]) => draft);
    },
    wordCount(id: string): number | undefined {
      return wordCounts.get(id);
    },
    quarantineReason(id: string): string | undefined {
      return documents.get(id)?.quarantine;
    },
  };
}
