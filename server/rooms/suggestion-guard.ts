import * as Y from 'yjs';

/** The suggestion library's paragraph-boundary marker: inserted and removed with its marks. */
const ZERO_WIDTH_ONLY = /^\u200B+$/;
const CHECKING = Symbol('suggestion-check');
/** Root types named so hold a scene's text (see `sceneField`). */
const SCENE_PREFIX = 'scene.';

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
 * sit in a paragraph's text (or be a paragraph break the commenter suggests, marked as theirs), and
 * each paragraph it touched — the whole scene, if paragraphs came or went — must read the same
 * before and after once the commenter's own suggestions are taken out. Cost: one extra apply plus the touched paragraphs.
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
    // A root type read from an update is untyped until asked for by name: make each scene a fragment.
    for (const [name, type] of shadow.share) {
      if (type.constructor === Y.AbstractType && name.startsWith(SCENE_PREFIX)) shadow.getXmlFragment(name);
    }
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

type When = 'before' | 'after';

const isNewIn = (item: Y.Item, transaction: Y.Transaction) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** Whether an item was part of the document before the transaction, or is after it. */
function aliveAt(item: Y.Item, transaction: Y.Transaction, when: When): boolean {
  if (when === 'after') return !item.deleted;
  return !isNewIn(item, transaction) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
}

/** The root type (a scene's Y.XmlFragment, or the binder) a type lives in. */
function rootOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> {
  let current = type;
  while (current._item) current = current._item.parent as Y.AbstractType<unknown>;
  return current;
}

/** Null if every change in the transaction is the user's own suggestion; otherwise the reason. */
function judgeTransaction(transaction: Y.Transaction, userId: string): string | null {
  const texts = new Set<Y.XmlText>();
  // Scenes whose paragraphs were added or removed: a suggested paragraph break, or its withdrawal.
  const scenes = new Set<Y.AbstractType<unknown>>();
  let refusal: string | null = null;
  const place = (struct: Y.Item | Y.GC, what: string) => {
    if (refusal || struct instanceof Y.GC) return;
    const { parent, content, parentSub } = struct;
    const inScene = (type: Y.AbstractType<unknown>) => {
      const root = rootOf(type);
      if (root instanceof Y.XmlFragment && !(root instanceof Y.XmlElement)) scenes.add(root as unknown as Y.AbstractType<unknown>);
      else refusal = `a commenter ${what} something outside the text`;
    };
    const madeOrRemovedHere = (item: Y.Item | null) => item !== null && (isNewIn(item, transaction) || Y.isDeleted(transaction.deleteSet, item.id));
    if (parent instanceof Y.XmlText) {
      if (parentSub !== null || !(content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentDeleted)) refusal = `a commenter ${what} something other than text`;
      else texts.add(parent);
    } else if (parent instanceof Y.XmlFragment && parentSub === null && (content instanceof Y.ContentType || content instanceof Y.ContentDeleted)) {
      inScene(parent as Y.AbstractType<unknown>);
    } else if (parent instanceof Y.XmlElement && parentSub !== null && madeOrRemovedHere(parent._item)) {
      // An attribute of a paragraph made or removed in this very update (its suggested break).
      inScene(parent as Y.AbstractType<unknown>);
    } else {
      refusal = `a commenter ${what} something outside a paragraph's text`;
    }
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
  for (const scene of scenes) {
    const fragment = scene as unknown as Y.XmlFragment;
    if (!sameReading(readScene(fragment, transaction, userId, 'before'), readScene(fragment, transaction, userId, 'after'))) {
      return 'a commenter changed paragraphs beyond their own suggested breaks';
    }
  }
  for (const text of texts) {
    if (scenes.has(rootOf(text as Y.AbstractType<unknown>))) continue;
    refusal = judgeText(text, transaction, userId);
    if (refusal) return refusal;
  }
  return null;
}

/** An element's attributes as they were before the transaction, or are after it. */
function attributesAt(element: Y.XmlElement, transaction: Y.Transaction, when: When): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const [key, latest] of element._map) {
    let item: Y.Item | null = latest;
    while (item && !aliveAt(item, transaction, when)) item = item.left;
    const value = item?.content.getContent().at(-1);
    if (value !== undefined && value !== null) attrs[key] = value;
  }
  return attrs;
}

type Reading = Array<[string, string]>;
const BLOCK = '\u0001block';

/**
 * A scene as it reads with the user's own suggestions taken out (see `withoutOwnSuggestions`),
 * blocks as tokens between the runs of text. A paragraph that carries the user's own suggested
 * break (its `suggestion` attribute, which only its author can have set, in the update that made
 * the paragraph) is read as part of the paragraph before it, as it was before the break.
 */
function readScene(scene: Y.XmlFragment, transaction: Y.Transaction, userId: string, when: When): Reading {
  const reading: Reading = [];
  const push = (chars: string, key: string) => {
    const last = reading[reading.length - 1];
    if (last && last[1] === key && key !== BLOCK) last[0] += chars;
    else reading.push([chars, key]);
  };
  const walk = (type: Y.XmlFragment) => {
    let previousWasParagraph = false;
    for (let item = type._start; item !== null; item = item.right) {
      if (!aliveAt(item, transaction, when) || !(item.content instanceof Y.ContentType)) continue;
      const child = item.content.type;
      if (child instanceof Y.XmlText) {
        for (const [chars, key] of withoutOwnSuggestions(child, transaction, userId, when)) push(chars, key);
        continue;
      }
      if (!(child instanceof Y.XmlElement)) continue;
      const attrs = attributesAt(child, transaction, when);
      const ownBreak = child.nodeName === 'paragraph' && previousWasParagraph && authorOf(attrs.suggestion) === userId;
      // The break is read away: the previous paragraph stays open and this one's text continues it.
      if (ownBreak) reading.pop();
      else push(`<${child.nodeName} ${canonical(attrs)}>`, BLOCK);
      walk(child);
      push(`</${child.nodeName}>`, BLOCK);
      previousWasParagraph = child.nodeName === 'paragraph';
    }
  };
  walk(scene);
  return reading;
}

const sameReading = (a: Reading, b: Reading) => a.length === b.length && a.every(([chars, key], i) => chars === b[i]![0] && key === b[i]![1]);

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
function withoutOwnSuggestions(text: Y.XmlText, transaction: Y.Transaction, userId: string, when: When): Reading {
  const runs: Reading = [];
  const attrs: Attrs = new Map();
  for (let item = text._start; item !== null; item = item.right) {
    if (!aliveAt(item, transaction, when)) continue;
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
  if (sameReading(before, after)) return null;
  const beforeText = before.map(([chars]) => chars).join('');
  const afterText = after.map(([chars]) => chars).join('');
  if (afterText.length > beforeText.length) return 'a commenter inserted text outside their own suggestion';
  if (afterText.length < beforeText.length) return 'a commenter deleted text that is not their own suggestion';
  return beforeText === afterText ? 'a commenter changed formatting or another writer’s suggestion' : 'a commenter changed text outside their own suggestion';
}
