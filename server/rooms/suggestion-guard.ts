import { equalityDeep } from 'lib0/function';
import * as Y from 'yjs';

/** The Y.XmlText format keys suggestion marks are stored under (y-tiptap: the mark's name). */
const SUGGESTION_KEYS = new Set(['insertion', 'deletion']);
/** The suggestion library's paragraph-boundary marker: inserted and removed with its marks. */
const ZERO_WIDTH_ONLY = /^\u200B+$/;
const CHECKING = Symbol('suggestion-check');

type Attrs = Map<string, unknown>;

const authorOf = (value: unknown): unknown => (value !== null && typeof value === 'object' ? (value as { author?: unknown }).author : undefined);

/**
 * Decides whether a commenter's update only suggests: it may add or remove suggestion marks that
 * carry the commenter's own user id, and insert (or take back) text inside their own insertion
 * marks. Anything else — plain text, deleting anyone's text, another writer's mark, a paragraph,
 * the binder — is refused before it reaches the room's document, so nothing of it is stored.
 *
 * The update is applied first to a shadow copy of the room's document (kept in step with it, built
 * when a commenter first writes), and the transaction judged there: every new or deleted item must
 * sit in a paragraph's text, and each paragraph it touched is walked once, comparing every
 * character's suggestion marks before and after. Cost: one extra apply plus the touched paragraphs.
 * A refused update leaves the shadow polluted, so it is dropped and rebuilt on the next check.
 */
export class SuggestionGuard {
  private shadow: Y.Doc | null = null;
  private readonly follow = (update: Uint8Array, origin: unknown) => {
    if (origin !== CHECKING && this.shadow) Y.applyUpdate(this.shadow, update, CHECKING);
  };

  constructor(private readonly doc: Y.Doc) {}

  /** Null when `update` only changes `userId`'s own suggestions; otherwise why it is refused. */
  check(update: Uint8Array, userId: string): string | null {
    const shadow = this.ensureShadow();
    let refusal: string | null = null;
    let judged = false;
    const judge = (transaction: Y.Transaction) => {
      // Only the update's own transaction; Yjs's formatting clean-up that follows it removes nothing that counts.
      if (judged || transaction.origin !== CHECKING) return;
      judged = true;
      refusal = judgeTransaction(transaction, userId);
    };
    shadow.on('afterTransaction', judge);
    try {
      Y.applyUpdate(shadow, update, CHECKING);
    } catch (error) {
      refusal = `update failed to apply: ${(error as Error).message}`;
    } finally {
      shadow.off('afterTransaction', judge);
    }
    if (refusal !== null) this.dropShadow();
    return refusal;
  }

  dispose(): void {
    this.dropShadow();
  }

  private ensureShadow(): Y.Doc {
    if (this.shadow) return this.shadow;
    const shadow = new Y.Doc({ gc: this.doc.gc });
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.doc), CHECKING);
    this.shadow = shadow;
    this.doc.on('update', this.follow);
    return shadow;
  }

  private dropShadow(): void {
    this.doc.off('update', this.follow);
    this.shadow?.destroy();
    this.shadow = null;
  }
}

/** Null if every change in the transaction is the user's own suggestion; otherwise the reason. */
function judgeTransaction(transaction: Y.Transaction, userId: string): string | null {
  const touched = new Set<Y.XmlText>();
  let refusal: string | null = null;
  const place = (struct: Y.Item | Y.GC, what: string) => {
    if (refusal || struct instanceof Y.GC) return;
    const parent = struct.parent;
    if (!(parent instanceof Y.XmlText) || struct.parentSub !== null) refusal = `a commenter ${what} outside a paragraph's text`;
    else if (!(struct.content instanceof Y.ContentString || struct.content instanceof Y.ContentFormat || struct.content instanceof Y.ContentDeleted)) refusal = `a commenter ${what} something other than text`;
    else touched.add(parent);
  };
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const start = transaction.beforeState.get(client) ?? 0;
    if (after <= start) continue;
    const structs = store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, start); i < structs.length && structs[i]!.id.clock < after; i++) place(structs[i]!, 'inserted');
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => place(struct, 'deleted'));
  if (refusal) return refusal;
  for (const text of touched) {
    refusal = judgeText(text, transaction, userId);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * Walks one paragraph's items in order, tracking each character's formatting as it was before the
 * transaction and as it is after, and checks what changed for each character (see `SuggestionGuard`).
 */
function judgeText(text: Y.XmlText, transaction: Y.Transaction, userId: string): string | null {
  const before: Attrs = new Map();
  const after: Attrs = new Map();
  const own = (value: unknown) => value === null || value === undefined || authorOf(value) === userId;
  for (let item = text._start; item !== null; item = item.right) {
    const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
    const aliveBefore = !isNew && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
    const aliveAfter = !item.deleted;
    const { content } = item;
    if (content instanceof Y.ContentFormat) {
      if (aliveBefore) before.set(content.key, content.value);
      if (aliveAfter) after.set(content.key, content.value);
      continue;
    }
    if (!(content instanceof Y.ContentString)) {
      if (aliveBefore !== aliveAfter) return 'a commenter changed something other than text';
      continue;
    }
    if (aliveBefore && aliveAfter) {
      for (const key of new Set([...before.keys(), ...after.keys()])) {
        const was = before.get(key) ?? null;
        const now = after.get(key) ?? null;
        if (equalityDeep(was, now)) continue;
        if (!SUGGESTION_KEYS.has(key)) return `a commenter changed formatting (${key})`;
        if (!own(was) || !own(now)) return 'a commenter changed another writer’s suggestion';
      }
    } else if (aliveAfter) {
      const marker = ZERO_WIDTH_ONLY.test(content.str) && authorOf(after.get('deletion')) === userId;
      if (authorOf(after.get('insertion')) !== userId && !marker) return 'a commenter inserted text outside their own suggestion';
    } else if (aliveBefore) {
      const marker = ZERO_WIDTH_ONLY.test(content.str) && authorOf(before.get('deletion')) === userId;
      if (authorOf(before.get('insertion')) !== userId && !marker) return 'a commenter deleted text that is not their own suggestion';
    }
  }
  return null;
}
