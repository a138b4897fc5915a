import fs from 'node:fs';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sceneField } from '../../collab/room-name';
import { resolvePassageIn } from '../../comments/anchor';
import { manuscriptExtensions } from '../../editor/extensions';
import { describeSuggestion, listSuggestions, reviewSuggestions } from '../../editor/suggestions/review';
import { readBinder } from '../../manuscript/binder';
import { readDocxReview } from '../docx-review/read';
import { FIXTURE_MANUSCRIPT, FIXTURE_SCENES } from '../docx-review/fixtures/original';
import { encodeImportedManuscript } from '../model';
import { applyReview, authorResolver, describeSummary } from './index';

const schema = getSchema(manuscriptExtensions());
const FIXTURES = path.join(__dirname, '..', 'docx-review', 'fixtures');
const ORIGINAL = FIXTURE_MANUSCRIPT;

const members = [
  { userId: 'ada00001', name: 'Ada Writer', email: 'ada@example.test' },
  { userId: 'ben00001', name: 'Ben Cole', email: 'ben@example.test' },
];

function manuscriptDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, encodeImportedManuscript(ORIGINAL));
  return doc;
}

const sceneIds = (doc: Y.Doc) => readBinder(doc).scenes.map((scene) => scene.id);
const pmOf = (doc: Y.Doc, sceneId: string) => yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(sceneId)), schema);
const textOf = (doc: Y.Doc, sceneId: string) => {
  const node = pmOf(doc, sceneId);
  return node.textBetween(0, node.content.size, '\n');
};

/** The writer keeps writing after sending the file: a new opening line, a changed word far from any comment. */
function editElsewhere(doc: Y.Doc): void {
  const [first, second] = sceneIds(doc);
  for (const [sceneId, change] of [
    [first!, (text: string) => text.replace('Nobody on the quay', 'No one on the quay')],
    [second!, (text: string) => `A bell rang somewhere inland.\n${text}`],
  ] as const) {
    const fragment = doc.getXmlFragment(sceneField(sceneId));
    const paragraphs = change(textOf(doc, sceneId)).split('\n');
    const next = schema.node('doc', null, paragraphs.map((text) => schema.node('paragraph', null, text ? [schema.text(text)] : [])));
    updateYFragment(doc, fragment, next, { mapping: new Map(), isOMark: new Map() } as never);
  }
}

async function importFixture(name: string, doc: Y.Doc) {
  const { review } = await readDocxReview(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))));
  let counter = 0;
  return applyReview(doc, review, authorResolver(members), { nextId: () => `s${++counter}`, now: Date.parse('2026-12-01T00:00:00Z') });
}

describe.each(['word-review.docx', 'libreoffice-review.docx'])('importing %s onto a manuscript the writer kept editing', (fixture) => {
  it('puts every comment on its words, with its author and replies, and every change in as a suggestion', async () => {
    const doc = manuscriptDoc();
    editElsewhere(doc);
    const { threads, summary } = await importFixture(fixture, doc);
    const [first, second] = sceneIds(doc);

    const quoted = threads.map((thread) => {
      const where = resolvePassageIn(doc.getXmlFragment(sceneField(thread.sceneId)), schema, thread);
      return [thread.sceneId === first ? 1 : 2, where?.text.replaceAll('\u200B', ''), thread.messages.map((m) => [m.author.kind === 'member' ? m.author.userId : `guest ${m.author.name}`, m.body])];
    });
    expect(quoted).toEqual(
      expect.arrayContaining([
        [
          1,
          'the harbour',
          [
            ['guest Maria Rossi', 'Which harbour? Name it.'],
            ['ada00001', 'Port Ellen. I will add it.'],
          ],
        ],
        // Across two paragraphs, ending on the word the writer has since changed nothing of.
        [1, 'Her hands were cold. No one on the quay said a word', [['guest Maria Rossi', 'This runs long; cut a line?']]],
        // A comment on a point sits on the word before it.
        [1, 'beam.', [['guest Maria Rossi', 'Lovely image.']]],
        [2, 'She did not look back.', [['guest Maria Rossi', 'Good ending for the scene.']]],
      ]),
    );
    expect(threads).toHaveLength(4);

    const suggestions = [first!, second!].map((id) => listSuggestions(pmOf(doc, id)).map((s) => [s.author, describeSuggestion(s)]));
    expect(suggestions[0]).toEqual([
      ['guest:Maria Rossi', 'Add ‘finally’'],
      ['guest:Maria Rossi', 'Delete ‘quiet and’'],
    ]);
    expect(suggestions[1]).toEqual(
      fixture === 'word-review.docx'
        ? [
            ['guest:Maria Rossi', 'Delete ‘The gulls were loud.’'],
            ['guest:Maria Rossi', 'Add ‘The gulls were loud.’'],
            ['guest:Maria Rossi', 'Start a new paragraph'],
          ]
        : [['guest:Maria Rossi', 'Start a new paragraph']],
    );
    expect(summary.unplaced).toEqual([]);
    expect(describeSummary(summary)).toMatch(/comments? and \d changes? from Maria Rossi, 1 comment from Ada Writer placed\.$/);
  });

  it('reads as the editor meant once every suggestion is accepted, and as before once every one is rejected', async () => {
    const doc = manuscriptDoc();
    await importFixture(fixture, doc);
    const [first, second] = sceneIds(doc);
    const verdictText = (verdict: 'accept' | 'reject', sceneId: string) => {
      const state = EditorState.create({ schema, doc: pmOf(doc, sceneId) });
      const tr = reviewSuggestions(state, verdict, () => true)!;
      return tr.doc.textBetween(0, tr.doc.content.size, '\n');
    };
    expect(verdictText('accept', first!)).toBe(
      'The storm finally broke over the harbour at dusk.\nShe watched the boats come in, one by one, slow. Her hands were cold.\nNobody on the quay said a word.\nPast the mole, the lighthouse turned its slow beam.',
    );
    const untouched = manuscriptDoc();
    expect(verdictText('reject', first!)).toBe(textOf(untouched, sceneIds(untouched)[0]!));
    expect(verdictText('accept', second!)).toBe(
      fixture === 'word-review.docx' ? 'Morning came grey and cold. \nThe gulls were loud. Ada walked down to the water. \nShe did not look back.' : 'Morning came grey and cold. The gulls were loud.\nAda walked down to the water. \nShe did not look back.',
    );
    expect(verdictText('reject', second!)).toBe('Morning came grey and cold. The gulls were loud.\nAda walked down to the water. She did not look back.');
  });
});

describe('what cannot be placed', () => {
  it('is listed with its reason, never dropped, when the writer rewrote those very words', async () => {
    const doc = manuscriptDoc();
    const [first] = sceneIds(doc);
    const fragment = doc.getXmlFragment(sceneField(first!));
    const rewritten = textOf(doc, first!)
      .replace('Past the mole, the lighthouse turned its slow beam.', 'The lamp went dark.')
      .replace('one by one, quiet and slow.', 'all at once.');
    updateYFragment(doc, fragment, schema.node('doc', null, rewritten.split('\n').map((text) => schema.node('paragraph', null, [schema.text(text)]))), { mapping: new Map(), isOMark: new Map() } as never);
    const { threads, summary } = await importFixture('word-review.docx', doc);
    expect(threads).toHaveLength(3);
    expect(summary.unplaced).toEqual([
      { kind: 'change', author: 'Maria Rossi', what: 'Delete ‘quiet and’', reason: 'its words are no longer in the manuscript' },
      { kind: 'comment', author: 'Maria Rossi', what: '“Lovely image.”', reason: 'its words are no longer in the manuscript' },
    ]);
    expect(describeSummary(summary)).toBe(
      '3 comments and 4 changes from Maria Rossi, 1 comment from Ada Writer placed; 1 comment and 1 change could not be placed: Delete ‘quiet and’ (Maria Rossi): its words are no longer in the manuscript; “Lovely image.” (Maria Rossi): its words are no longer in the manuscript.',
    );
  });

  it('says when a change was already made, rather than making it twice', async () => {
    const doc = manuscriptDoc();
    await importFixture('libreoffice-review.docx', doc);
    const again = await importFixture('libreoffice-review.docx', doc);
    expect(again.summary.changesPlaced).toBe(0);
    expect(again.summary.changesAlreadyThere).toBe(3);
  });
});


describe('a paragraph mark the editor deleted', () => {
  it('becomes a suggested join, which accepting makes and rejecting undoes', () => {
    const doc = manuscriptDoc();
    const [, second] = sceneIds(doc);
    const change = { kind: 'deletion' as const, author: 'Maria Rossi', date: 1, wordId: '7', moved: false };
    const piece = (text: string) => ({ text, change: null, italic: false, bold: false });
    const review = {
      body: { paragraphs: [{ style: null, mark: change, pieces: [piece(FIXTURE_SCENES[1]![0]!)] }, { style: null, mark: null, pieces: [piece(FIXTURE_SCENES[1]![1]!)] }], comments: new Map(), formattingChanges: 0 },
      comments: [],
      explicitReplies: true,
    };
    let counter = 0;
    applyReview(doc, review, authorResolver(members), { nextId: () => `j${++counter}` });
    expect(listSuggestions(pmOf(doc, second!)).map((s) => describeSuggestion(s))).toEqual(['Join two paragraphs']);
    const verdict = (kind: 'accept' | 'reject') => {
      const tr = reviewSuggestions(EditorState.create({ schema, doc: pmOf(doc, second!) }), kind, () => true)!;
      return tr.doc.textBetween(0, tr.doc.content.size, '\n');
    };
    expect(verdict('accept')).toBe(`${FIXTURE_SCENES[1]![0]}${FIXTURE_SCENES[1]![1]}`);
    expect(verdict('reject')).toBe(FIXTURE_SCENES[1]!.join('\n'));
  });
});
