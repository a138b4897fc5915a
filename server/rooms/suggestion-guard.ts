import * as Y from 'yjs';

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
 * sit in a paragraph's text, and each paragraph it touched must read the same before and after once
 * the commenter's own suggestions are taken out. Cost: one extra apply plus the touched paragraphs.
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

/** A value with object keys in a fixed order, so two equal format values compare equal as text. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`).join(',')}}`;
}

/**
 * One paragraph as it reads once this user's own suggestions are taken out: their inserted text
 * (and their zero-width markers) dropped, their deletion marks ignored. Runs of text with the same
 * remaining formatting, each as [text, formatting].
 */
function withoutOwnSuggestions(text: Y.XmlText, transaction: Y.Transaction, userId: string, when: 'before' | 'after'): Array<[string, string]> {
  const runs: Array<[string, string]> = [];
  const attrs: Attrs = new Map();
  for (let item = text._start; item !== null; item = item.right) {
    const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
    const alive = when === 'after' ? !item.deleted : !isNew && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
    if (!alive) continue;
    const { content } = item;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) attrs.delete(content.key);
      else attrs.set(content.key, content.value);
      continue;
    }
    if (!(content instanceof Y.ContentString)) continue;
    if (authorOf(attrs.get('insertion')) === userId) continue;
    if (ZERO_WIDTH_ONLY.test(content.str) && authorOf(attrs.get('deletion')) === userId) continue;
    const kept = [...attrs].filter(([key]) => !(key === 'deletion' && authorOf(attrs.get(key)) === userId)).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = canonical(Object.fromEntries(kept));
    const last = runs[runs.length - 1];
    if (last && last[1] === key) last[0] += content.str;
    else runs.push([content.str, key]);
  }
  return runs;
}

/**
 * A paragraph passes when it reads the same before and after once the user's own suggestions are
 * taken out of both (see `withoutOwnSuggestions`): so everything else — other writers' text and
 * marks, formatting — is untouched, and whatever the user added or removed is their suggestion.
 * Compared as text rather than item by item because y-tiptap's text diff may put a typed character
 * after an identical neighbour (a space typed before a space), re-marking the neighbour instead.
 */
function judgeText(text: Y.XmlText, transaction: Y.Transaction, userId: string): string | null {
  const before = withoutOwnSuggestions(text, transaction, userId, 'before');
  const after = withoutOwnSuggestions(text, transaction, userId, 'after');
  const same = before.length === after.length && before.every(([chars, key], i) => chars === after[i]![0] && key === after[i]![1]);
  if (same) return null;
  const beforeText = before.map(([chars]) => chars).join('');
  const afterText = after.map(([chars]) => chars).join('');
  if (afterText.length > beforeText.length) return 'a commenter inserted text outside their own suggestion';
  if (afterText.length < beforeText.length) return 'a commenter deleted text that is not their own suggestion';
  return beforeText === afterText ? 'a commenter changed formatting or another writer’s suggestion' : 'a commenter changed text outside their own suggestion';
}
