import fs from 'node:fs';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importChangesAs } from '../lib/access/import-changes';
import { NotFoundError } from '../lib/access/errors';
import { sceneField } from '../lib/collab/room-name';
import { createManuscript, createUser, listThreads } from '../lib/storage/sqlite';
import { manuscriptExtensions } from '../lib/editor/extensions';
import { describeSuggestion, listSuggestions } from '../lib/editor/suggestions/review';
import { FIXTURE_MANUSCRIPT } from '../lib/import/docx-review/fixtures/original';
import { encodeImportedManuscript } from '../lib/import/model';
import { readBinder } from '../lib/manuscript/binder';
import { createSqliteStorage } from '../lib/storage/sqlite/storage';
import { TEST_SECRET } from './testing/fixtures';
import { waitFor } from './testing/headless-client';
import { startHarness } from './testing/server-harness';

const schema = getSchema(manuscriptExtensions());
const FIXTURES = path.join(__dirname, '..', 'lib', 'import', 'docx-review', 'fixtures');
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

const suggestionsIn = (doc: Y.Doc, sceneId: string) => listSuggestions(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(sceneId)), schema)).map((s) => describeSuggestion(s));

describe('importing an editor’s changes onto a manuscript open in a live room', () => {
  it('reaches the co-author already writing, is stored, and lists nothing as unplaced', async () => {
    const harness = await startHarness({ maxMessageBytes: 4 * 1024 * 1024 });
    stop = harness.stop;
    const ada = createUser(harness.db, { email: 'ada@example.test', name: 'Ada Writer', color: '#225588', passwordHash: null });
    const { id } = createManuscript(harness.db, { title: 'The Salt Road', ownerId: ada.id, initialUpdate: encodeImportedManuscript(FIXTURE_MANUSCRIPT) });
    const ben = harness.member(id, 'Ben', 'editor');
    const benClient = await harness.client(id, ben);
    await waitFor(() => benClient.provider.synced, 'Ben’s sync');
    const [first, second] = readBinder(benClient.doc).scenes.map((scene) => scene.id);
    // Ben writes a new opening in the second scene while the editor's file is on its way.
    benClient.doc.transact(() => {
      const fragment = benClient.doc.getXmlFragment(sceneField(second!));
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('A bell rang somewhere inland.')]);
      fragment.insert(0, [paragraph]);
    });
    await waitFor(() => !benClient.saves.hasUnstoredChanges(), 'Ben’s opening stored');

    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'word-review.docx')));
    const result = await importChangesAs(createSqliteStorage(harness.db), ada, id, { name: 'The Salt Road (Maria).docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET });
    expect(result.summary.unplaced).toEqual([]);
    expect(result.message).toBe('4 comments and 5 changes from Maria Rossi, 1 comment from Ada Writer placed.');

    // Ben sees the suggestions appear in his own document.
    await waitFor(() => suggestionsIn(benClient.doc, first!).length === 2, 'suggestions reaching Ben');
    expect(suggestionsIn(benClient.doc, first!)).toEqual(['Add ‘finally’', 'Delete ‘quiet and’']);
    expect(suggestionsIn(benClient.doc, second!)).toEqual(['Delete ‘The gulls were loud.’', 'Add ‘The gulls were loud.’', 'Start a new paragraph']);
    // Stored: the threads in the database, the suggestions in the update log (a fresh load has them).
    const threads = listThreads(harness.db, id);
    expect(threads.map((thread) => [thread.quote, thread.messages.map((m) => `${m.authorName}${m.guest ? ' (guest)' : ''}: ${m.body}`)])).toEqual(
      expect.arrayContaining([
        ['the harbour', ['Maria Rossi (guest): Which harbour? Name it.', 'Ada Writer: Port Ellen. I will add it.']],
        ['She did not look back.', ['Maria Rossi (guest): Good ending for the scene.']],
      ]),
    );
    expect(threads.find((thread) => thread.quote.startsWith('Her hands'))?.resolvedAt).not.toBeNull();
    const stored = harness.storedDoc(id);
    expect(suggestionsIn(stored, first!)).toEqual(['Add ‘finally’', 'Delete ‘quiet and’']);
    expect(yXmlFragmentToProseMirrorRootNode(stored.getXmlFragment(sceneField(second!)), schema).textContent).toContain('A bell rang somewhere inland.');

    // The same file a second time adds nothing.
    const again = await importChangesAs(createSqliteStorage(harness.db), ada, id, { name: 'The Salt Road (Maria).docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET });
    expect(again.message).toBe('Nothing new to place; 5 changes were already in the manuscript; 4 comments were already there.');
    expect(listThreads(harness.db, id)).toHaveLength(4);
  });

  it('is only for editors and the owner', async () => {
    const harness = await startHarness();
    stop = harness.stop;
    const { id } = harness.newManuscript();
    const carla = harness.member(id, 'Carla', 'commenter');
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'word-review.docx')));
    await expect(importChangesAs(createSqliteStorage(harness.db), carla, id, { name: 'r.docx', bytes }, { collabUrl: harness.url, secret: TEST_SECRET })).rejects.toThrow(NotFoundError);
  });
});
