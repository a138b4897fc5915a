import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../lib/collab/close-codes';
import { encodeSyncUpdate } from '../lib/collab/protocol';
import type { User } from '../lib/storage/records';
import { closeCodeOf, startHarness, type Harness } from './testing/server-harness';
import { waitFor } from './testing/headless-client';

/**
 * A commenter may only suggest. Each attempt is a hand-built Yjs update sent over a raw socket, made
 * the way y-tiptap stores marks (a Y.XmlText format under the mark's name, its attributes as value).
 */
let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

const FIELD = 'scene.scene0001';
const SENTENCE = 'The plan had one weakness.';
const paragraphText = (doc: Y.Doc) => (doc.getXmlFragment(FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const mark = (author: string, id = `${author}-1`) => ({ id, author, time: 1_700_000_000_000 });

async function setUp() {
  harness = await startHarness();
  const { id, owner } = harness.newManuscript();
  const ada = await harness.client(id, owner);
  // Ada, the owner, writes the sentence and suggests one deletion of her own.
  ada.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    ada.doc.getXmlFragment(FIELD).insert(0, [paragraph]);
    paragraphText(ada.doc).insert(0, SENTENCE);
    paragraphText(ada.doc).format(0, 4, { deletion: mark(owner.id) });
  });
  await waitFor(() => ada.saves.status === 'saved', 'the owner’s text stored');
  const ben = harness.member(id, 'Ben', 'commenter');
  return { id, owner, ben };
}

/** Moves the text from `at` on into a new paragraph after the first, as y-tiptap stores a split; `suggestion` marks the break. */
function splitAt(text: Y.XmlText, doc: Y.Doc, at: number, suggestion: ReturnType<typeof mark> | null) {
  const moved = (text.toDelta() as Array<{ insert: string }>).map((op) => op.insert).join('').slice(at);
  text.delete(at, moved.length);
  const paragraph = new Y.XmlElement('paragraph');
  if (suggestion) paragraph.setAttribute('suggestion', suggestion as never);
  paragraph.insert(0, [new Y.XmlText(moved)]);
  doc.getXmlFragment(FIELD).insert(1, [paragraph]);
}

/** Ben's change, made on a copy of what is stored, sent as one update over a fresh raw socket. */
async function send(id: string, ben: User, change: (text: Y.XmlText, doc: Y.Doc) => void) {
  const doc = harness.storedDoc(id);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  change(paragraphText(doc), doc);
  const ws = await harness.rawSocketAs(id, ben);
  const closed = closeCodeOf(ws);
  ws.send(encodeSyncUpdate(Y.mergeUpdates(updates)));
  return { closed, ws };
}

const stored = (id: string) => {
  const doc = harness.storedDoc(id);
  return { delta: paragraphText(doc).toDelta() as Array<{ insert: string; attributes?: Record<string, { author: string }> }>, binder: doc.getMap('binder').size };
};

describe('a commenter’s connection may only suggest', () => {
  it('refuses a plain insertion, a deletion of another’s text, a forged suggestion and a changed mark; stores none of it', async () => {
    const { id, owner, ben } = await setUp();
    const before = stored(id);
    const attempts: Array<[string, (text: Y.XmlText, doc: Y.Doc) => void]> = [
      ['a plain insertion', (text) => text.insert(4, 'secret ')],
      ['a deletion of another’s text', (text) => text.delete(4, 5)],
      ['a suggestion forged under the owner’s id', (text) => text.insert(4, 'forged ', { insertion: mark(owner.id, 'forged-1') })],
      ['a deletion mark forged under the owner’s id', (text) => text.format(9, 4, { deletion: mark(owner.id, 'forged-2') })],
      ['taking over the owner’s suggestion', (text) => text.format(0, 4, { deletion: mark(ben.id) })],
      ['accepting the owner’s suggestion (a commenter may not)', (text) => text.delete(0, 4)],
      ['bold on the owner’s words', (text) => text.format(4, 4, { bold: true })],
      ['a new paragraph', (_text, doc) => doc.getXmlFragment(FIELD).insert(1, [new Y.XmlElement('paragraph')])],
      ['a plain paragraph break (text moved into a new paragraph)', (text, doc) => splitAt(text, doc, 17, null)],
      ['a paragraph break forged under the owner’s id', (text, doc) => splitAt(text, doc, 17, mark(owner.id))],
      ['marking an existing paragraph as their suggested break', (_text, doc) => (doc.getXmlFragment(FIELD).get(0) as Y.XmlElement).setAttribute('suggestion', mark(ben.id) as never)],
      ['a heading made of a paragraph', (_text, doc) => {
        const fragment = doc.getXmlFragment(FIELD);
        const heading = new Y.XmlElement('heading');
        heading.insert(0, [new Y.XmlText(SENTENCE)]);
        fragment.delete(0, 1);
        fragment.insert(0, [heading]);
      }],
      ['a binder change', (_text, doc) => doc.getMap('binder').set('x', 'y')],
      ['own-marked text smuggled beside a plain insertion', (text) => {
        text.insert(4, 'ok ', { insertion: mark(ben.id) });
        text.insert(0, 'plain ');
      }],
    ];
    for (const [what, change] of attempts) {
      const { closed } = await send(id, ben, change);
      expect(await closed, what).toBe(CloseCode.SuggestionRefused);
      expect(stored(id), what).toEqual(before);
    }
    expect(harness.logs.join('\n')).toMatch(/a commenter inserted text outside their own suggestion/);
  });

  it('accepts and stores the commenter’s own suggestions: an insertion, a deletion mark, and taking one back', async () => {
    const { id, owner, ben } = await setUp();
    const first = await send(id, ben, (text) => {
      text.insert(17, 'grave ', { insertion: mark(ben.id) });
      text.format(13, 4, { deletion: mark(ben.id, `${ben.id}-2`) });
    });
    await waitFor(() => stored(id).delta.some((op) => op.insert === 'grave '), 'Ben’s suggestion stored');
    first.ws.close();
    expect(await first.closed).not.toBe(CloseCode.SuggestionRefused);
    const delta = stored(id).delta;
    expect(delta.find((op) => op.insert === 'grave ')?.attributes?.insertion?.author).toBe(ben.id);
    expect(delta.find((op) => op.insert === 'one ')?.attributes?.deletion?.author).toBe(ben.id);
    expect(delta.find((op) => op.insert === 'The ')?.attributes?.deletion?.author).toBe(owner.id);
    // Ben takes his suggestions back (undo): his inserted words go, his deletion mark is removed.
    const second = await send(id, ben, (text) => {
      text.delete(17, 6);
      text.format(13, 4, { deletion: null });
    });
    await waitFor(() => !stored(id).delta.some((op) => op.insert.includes('grave')), 'Ben’s suggestion taken back');
    second.ws.close();
    expect(await second.closed).not.toBe(CloseCode.SuggestionRefused);
    expect(stored(id).delta.map((op) => op.insert).join('')).toBe(SENTENCE);
    // A paragraph break marked as his own suggestion is kept too.
    const third = await send(id, ben, (text, doc) => splitAt(text, doc, 17, mark(ben.id, `${ben.id}-3`)));
    await waitFor(() => harness.storedDoc(id).getXmlFragment(FIELD).length === 2, 'Ben’s suggested break stored');
    third.ws.close();
    expect(await third.closed).not.toBe(CloseCode.SuggestionRefused);
  });
});
