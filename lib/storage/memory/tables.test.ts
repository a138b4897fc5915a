import { describe, expect, it } from 'vitest';
import { atomically, createMemoryTables, deleteRows, insertRow, newestFirst, selectRows } from './tables';

function withWriterAndManuscript() {
  const tables = createMemoryTables();
  insertRow(tables, 'users', { id: 'ada', email: 'ada@example.test', name: 'Ada', color: '#123456' });
  insertRow(tables, 'manuscripts', { id: 'm1', title: 'The Lighthouse', lastEditedBy: 'ada' });
  return tables;
}

describe('the memory engine’s tables', () => {
  it('are every table of the schema', () => {
    expect(Object.keys(createMemoryTables().rows).sort()).toEqual(
      ['apiTokens', 'commentMessages', 'commentThreads', 'documentUpdates', 'drafts', 'invitations', 'manuscripts', 'memberships', 'notificationSettings', 'notifications', 'passwordResets', 'users', 'writerAppearance'],
    );
  });

  it('fill what an insert leaves out with the schema’s defaults', () => {
    const tables = withWriterAndManuscript();
    const [manuscript] = selectRows(tables, 'manuscripts');
    expect(manuscript).toMatchObject({ wordCount: 0, byline: '', deletedAt: null, targetWords: null, createdAt: expect.any(Date) });
    expect(insertRow(tables, 'commentThreads', { id: 't1', manuscriptId: 'm1', sceneId: 's', anchorStart: 'a', anchorEnd: 'b', quote: 'q' })).toMatchObject({ quotePrefix: '', resolvedAt: null });
  });

  it('refuse a row that points at nothing, as SQLite with foreign keys on does', () => {
    const tables = withWriterAndManuscript();
    expect(() => insertRow(tables, 'memberships', { manuscriptId: 'm1', userId: 'nobody', role: 'viewer' })).toThrow(/FOREIGN KEY/);
    expect(() => insertRow(tables, 'drafts', { id: 'd1', manuscriptId: 'no-such', kind: 'draft', name: 'D', state: new Uint8Array() })).toThrow(/FOREIGN KEY/);
    expect(selectRows(tables, 'memberships')).toEqual([]);
  });

  it('follow the schema’s ON DELETE rules: cascade through threads to messages, set null on authors', () => {
    const tables = withWriterAndManuscript();
    insertRow(tables, 'memberships', { manuscriptId: 'm1', userId: 'ada', role: 'owner' });
    insertRow(tables, 'commentThreads', { id: 't1', manuscriptId: 'm1', sceneId: 's', anchorStart: 'a', anchorEnd: 'b', quote: 'q', createdBy: 'ada' });
    insertRow(tables, 'commentMessages', { id: 'c1', threadId: 't1', authorId: 'ada', body: 'Hello' });

    expect(deleteRows(tables, 'users', (row) => row.id === 'ada')).toBe(1);
    expect(selectRows(tables, 'memberships')).toEqual([]);
    expect(selectRows(tables, 'commentMessages')).toEqual([expect.objectContaining({ id: 'c1', authorId: null })]);
    expect(selectRows(tables, 'manuscripts')).toEqual([expect.objectContaining({ lastEditedBy: null })]);

    expect(deleteRows(tables, 'manuscripts', (row) => row.id === 'm1')).toBe(1);
    expect([selectRows(tables, 'commentThreads'), selectRows(tables, 'commentMessages')]).toEqual([[], []]);
  });

  it('put everything back when a write in a transaction fails', () => {
    const tables = withWriterAndManuscript();
    const seq = tables.nextSeq;
    expect(() =>
      atomically(tables, () => {
        insertRow(tables, 'documentUpdates', { seq: tables.nextSeq++, manuscriptId: 'm1', bytes: new Uint8Array([1]) });
        selectRows(tables, 'manuscripts')[0]!.title = 'Changed';
        insertRow(tables, 'documentUpdates', { seq: tables.nextSeq++, manuscriptId: 'no-such', bytes: new Uint8Array([2]) });
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(selectRows(tables, 'documentUpdates')).toEqual([]);
    expect(selectRows(tables, 'manuscripts')[0]!.title).toBe('The Lighthouse');
    expect(tables.nextSeq).toBe(seq);
  });

  it('list newest first, the later of two rows stored in one millisecond first', () => {
    const at = new Date(1_000);
    expect(newestFirst([{ id: 'older', at: new Date(0) }, { id: 'first', at }, { id: 'second', at }], (row) => row.at).map((row) => row.id)).toEqual(['second', 'first', 'older']);
  });
});
