import fs from 'node:fs';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { sceneField } from '../collab/room-name';
import { manuscriptExtensions } from '../editor/extensions';
import { describeSuggestion, listSuggestions } from '../editor/suggestions/review';
import { ImportError } from '../import';
import { loadManuscriptDoc } from '../manuscript/load-document';
import { readBinder } from '../manuscript/binder';
import { MEMORY_STORAGE_URL, openStorage } from '../storage/open';
import { readReviewFile } from './import-changes';
import { importManuscriptAs } from './operations';

const schema = getSchema(manuscriptExtensions());
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '..', 'import', 'docx-review', 'fixtures', name)));

describe('a new manuscript from a DOCX an editor marked up', () => {
  it('starts with the text as it was sent, the editor’s changes as suggestions and their comments as threads', async () => {
    const storage = await openStorage(MEMORY_STORAGE_URL);
    const ada = await storage.users.create({ email: 'ada@example.test', name: 'Ada Writer', color: '#225588', passwordHash: null });
    const created = await importManuscriptAs(storage, ada, { name: 'The Salt Road.docx', bytes: fixture('libreoffice-review.docx') });
    expect(created.review?.message).toBe('4 comments and 3 changes from Maria Rossi, 1 comment from Ada Writer placed.');
    const doc = await loadManuscriptDoc(storage.documents, created.id);
    const [first] = readBinder(doc).scenes;
    const pm = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(sceneField(first!.id)), schema);
    expect(pm.textBetween(0, pm.content.size, '\n')).toContain('The storm finally broke over the harbour at dusk.');
    expect(listSuggestions(pm).map((s) => [s.author, describeSuggestion(s)])).toEqual([
      ['guest:Maria Rossi', 'Add ‘finally’'],
      ['guest:Maria Rossi', 'Delete ‘quiet and’'],
    ]);
    const threads = await storage.comments.listThreads(created.id);
    expect(threads.map((t) => [t.quote, t.messages.map((m) => `${m.authorName}${m.guest ? ' (guest)' : ''}`)])).toEqual(
      expect.arrayContaining([['the harbour', ['Maria Rossi (guest)', 'Ada Writer']]]),
    );
    // Ada owns the manuscript, so her reply is hers, not a guest's.
    expect(threads.flatMap((t) => t.messages).find((m) => m.authorName === 'Ada Writer')?.authorId).toBe(ada.id);
    await storage.close();
  });

  it('imports a clean DOCX as before, with nothing to report', async () => {
    const storage = await openStorage(MEMORY_STORAGE_URL);
    const ada = await storage.users.create({ email: 'ada@example.test', name: 'Ada Writer', color: '#225588', passwordHash: null });
    const { Document, Packer, Paragraph } = await import('docx');
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Only words here.')] }] })));
    const created = await importManuscriptAs(storage, ada, { name: 'clean.docx', bytes });
    expect(created.review).toBeNull();
    await storage.close();
  });
});

describe('the file given to Import editor’s changes', () => {
  it('must be a readable DOCX, and says why not', async () => {
    await expect(readReviewFile({ name: 'notes.txt', bytes: new Uint8Array(1) })).rejects.toThrow(/\.docx file/);
    await expect(readReviewFile({ name: 'notes.docx', bytes: new TextEncoder().encode('hello') })).rejects.toThrow(ImportError);
  });
});
