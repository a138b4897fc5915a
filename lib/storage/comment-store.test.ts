import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestSqlite } from './sqlite/test-database';
import { newId } from './secrets';
import type { CommentStore } from './comment-store';
import { createSqliteCommentStore } from './sqlite/comment-store';
import { createPgCommentStore } from './pg/comment-store';
import { openTestPgSchema } from './pg/test-database';

/** A store to test, and a way to put users, manuscripts and members in it. */
interface Engine {
  store: CommentStore;
  exec(sql: string, params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function sqliteEngine(): Promise<Engine> {
  const test = openTestSqlite();
  return {
    store: createSqliteCommentStore(test.db),
    exec: async (sql, params) => void test.db.$client.prepare(sql.replace(/\$\d+/g, '?')).run(...params),
    close: async () => test.close(),
  };
}

async function postgresEngine(): Promise<Engine> {
  const test = await openTestPgSchema();
  return { store: createPgCommentStore(test.pool), exec: async (sql, params) => void (await test.pool.query(sql, params)), close: test.drop };
}

const anchor = { start: 'start-position', end: 'end-position' };

// One suite, two engines: the collab server's comments may not tell them apart.
describe.each([
  ['sqlite', sqliteEngine],
  ['postgres', postgresEngine],
] as const)('comment store on %s', (_name, open) => {
  let engine: Engine;
  let store: CommentStore;
  let manuscriptId: string;
  let other: string;

  beforeAll(async () => {
    engine = await open();
    store = engine.store;
    manuscriptId = newId();
    other = newId();
    for (const [id, name] of [['ada', 'Ada'], ['ben', 'Ben']]) {
      await engine.exec('INSERT INTO users (id, email, name, color) VALUES ($1, $2, $3, $4)', [id, `${id}@example.test`, name, '#225588']);
    }
    for (const id of [manuscriptId, other]) await engine.exec('INSERT INTO manuscripts (id, title) VALUES ($1, $2)', [id, 'T']);
    await engine.exec("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, 'ada', 'owner')", [manuscriptId]);
    await engine.exec("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, 'ben', 'commenter')", [manuscriptId]);
  });
  afterAll(async () => engine?.close());

  it('keeps a thread with its replies, authors, context and mentions, in order', async () => {
    const threadId = await store.createThread({ manuscriptId, sceneId: 'scene1', anchor, quote: 'the storm', context: { prefix: 'before ', suffix: ' after' }, authorId: 'ada', body: 'Too loud?', mentions: ['ben'] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const replyId = await store.addMessage({ threadId, authorId: 'ben', body: 'Keep it.', mentions: [] });
    const [thread] = await store.listThreads(manuscriptId, [threadId]);
    expect(thread).toMatchObject({ id: threadId, sceneId: 'scene1', anchor, quote: 'the storm', context: { prefix: 'before ', suffix: ' after' }, createdBy: 'ada', resolvedAt: null, resolvedByName: null });
    expect(thread!.messages.map((m) => [m.authorName, m.body, m.mentions, m.deleted])).toEqual([
      ['Ada', 'Too loud?', ['ben'], false],
      ['Ben', 'Keep it.', [], false],
    ]);
    expect(await store.getMessageView(replyId)).toMatchObject({ id: replyId, authorId: 'ben', authorName: 'Ben', authorColor: '#225588', editedAt: null });
    expect(await store.hasThread(manuscriptId, threadId)).toBe(true);
  });

  it('never finds another manuscript’s thread or message by id', async () => {
    const threadId = await store.createThread({ manuscriptId, sceneId: 'scene1', anchor, quote: 'q', authorId: 'ada', body: 'mine', mentions: [] });
    const [thread] = await store.listThreads(manuscriptId, [threadId]);
    expect(await store.hasThread(other, threadId)).toBe(false);
    expect(await store.getMessage(other, thread!.messages[0]!.id)).toBeNull();
    expect(await store.listThreads(other)).toEqual([]);
    expect(await store.setThreadResolved(other, threadId, 'ada')).toBeNull();
    expect((await store.listThreads(manuscriptId, [threadId]))[0]!.resolvedAt).toBeNull();
  });

  it('edits, deletes (keeping the place), resolves, reopens and deletes threads', async () => {
    const threadId = await store.createThread({ manuscriptId, sceneId: 'scene1', anchor, quote: 'q', authorId: 'ada', body: 'first', mentions: [] });
    const messageId = (await store.listThreads(manuscriptId, [threadId]))[0]!.messages[0]!.id;
    await store.editMessage(messageId, 'first, better', ['ben']);
    expect(await store.getMessage(manuscriptId, messageId)).toEqual({ threadId, authorId: 'ada', mentions: ['ben'], deleted: false });
    expect((await store.getMessageView(messageId))!.editedAt).toEqual(expect.any(Number));
    await store.deleteMessage(messageId);
    expect(await store.getMessageView(messageId)).toMatchObject({ body: '', mentions: [], deleted: true });

    const resolvedAt = await store.setThreadResolved(manuscriptId, threadId, 'ben');
    expect(resolvedAt).toEqual(expect.any(Number));
    expect((await store.listThreads(manuscriptId, [threadId]))[0]).toMatchObject({ resolvedAt, resolvedByName: 'Ben' });
    expect(await store.setThreadResolved(manuscriptId, threadId, null)).toBeNull();
    await store.deleteThread(threadId);
    expect(await store.hasThread(manuscriptId, threadId)).toBe(false);
  });

  it('re-anchors only from the anchor the co-author saw: the first one wins', async () => {
    const threadId = await store.createThread({ manuscriptId, sceneId: 'scene1', anchor, quote: 'q', authorId: 'ada', body: 'b', mentions: [] });
    const next = { anchor: { start: 'moved-start', end: 'moved-end' }, quote: 'q2', context: { prefix: 'p', suffix: 's' } };
    expect(await store.reanchorThread(threadId, anchor, next)).toBe(true);
    expect(await store.reanchorThread(threadId, anchor, { ...next, quote: 'late' })).toBe(false);
    expect((await store.listThreads(manuscriptId, [threadId]))[0]).toMatchObject({ anchor: next.anchor, quote: 'q2', context: next.context });
  });

  it('keeps imported threads with their messages’ dates, members as members and guests by name, resolved as the file said', async () => {
    const [open, done] = await store.importThreads(manuscriptId, [
      {
        sceneId: 'scene2',
        anchor,
        quote: 'the harbour',
        context: { prefix: 'broke over ', suffix: ' at dusk' },
        resolvedAt: null,
        messages: [
          { authorId: null, guestName: 'Maria Rossi', body: 'Which harbour?', createdAt: Date.parse('2026-11-20T11:00:00Z') },
          { authorId: 'ada', guestName: null, body: 'Port Ellen.', createdAt: Date.parse('2026-11-21T09:00:00Z') },
        ],
      },
      { sceneId: 'scene2', anchor, quote: 'cold', context: { prefix: '', suffix: '' }, resolvedAt: Date.parse('2026-11-22T00:00:00Z'), messages: [{ authorId: null, guestName: 'Maria Rossi', body: 'Cut?', createdAt: 1 }] },
    ]);
    const threads = await store.listThreads(manuscriptId, [open!, done!]);
    const first = threads.find((thread) => thread.id === open)!;
    expect(first).toMatchObject({ sceneId: 'scene2', quote: 'the harbour', createdBy: null, createdAt: Date.parse('2026-11-20T11:00:00Z'), resolvedAt: null });
    expect(first.messages.map((m) => [m.authorId, m.authorName, m.guest ?? false, m.body, m.createdAt])).toEqual([
      [null, 'Maria Rossi', true, 'Which harbour?', Date.parse('2026-11-20T11:00:00Z')],
      ['ada', 'Ada', false, 'Port Ellen.', Date.parse('2026-11-21T09:00:00Z')],
    ]);
    expect(first.messages[0]!.authorColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(threads.find((thread) => thread.id === done)).toMatchObject({ resolvedAt: Date.parse('2026-11-22T00:00:00Z'), resolvedByName: null });
    expect(await store.getMessageView(first.messages[0]!.id)).toMatchObject({ authorName: 'Maria Rossi', guest: true });
  });

  it('adds imported replies under this manuscript’s threads only, with their dates and names', async () => {
    const threadId = await store.createThread({ manuscriptId, sceneId: 'scene1', anchor, quote: 'q', authorId: 'ada', body: 'Why forty?', mentions: [] });
    const foreign = await store.createThread({ manuscriptId: other, sceneId: 'scene1', anchor, quote: 'q', authorId: 'ada', body: 'Elsewhere.', mentions: [] });
    // Answered in Word after the thread began.
    const at = Date.now() + 60_000;
    const added = await store.importReplies(manuscriptId, [
      { threadId, messages: [{ authorId: null, guestName: 'Maria Rossi', body: 'Forty is right.', createdAt: at }, { authorId: 'ben', guestName: null, body: 'Agreed.', createdAt: at + 1000 }] },
      { threadId: foreign, messages: [{ authorId: null, guestName: 'Maria Rossi', body: 'Not here.', createdAt: at }] },
      { threadId: 'nosuchthread', messages: [{ authorId: null, guestName: 'Maria Rossi', body: 'Nor here.', createdAt: at }] },
    ]);
    expect(added).toEqual([threadId]);
    const [thread] = await store.listThreads(manuscriptId, [threadId]);
    expect(thread!.messages.slice(1).map((m) => [m.authorId, m.authorName, m.guest ?? false, m.body, m.createdAt])).toEqual([
      [null, 'Maria Rossi', true, 'Forty is right.', at],
      ['ben', 'Ben', false, 'Agreed.', at + 1000],
    ]);
    expect((await store.listThreads(other, [foreign]))[0]!.messages.map((m) => m.body)).toEqual(['Elsewhere.']);
  });

  it('names the members who may be mentioned, and none once the manuscript is in the trash', async () => {
    expect([...(await store.memberIds(manuscriptId))].sort()).toEqual(['ada', 'ben']);
    await engine.exec('UPDATE manuscripts SET deleted_at = $1 WHERE id = $2', [Date.now(), other]);
    await engine.exec("INSERT INTO memberships (manuscript_id, user_id, role) VALUES ($1, 'ada', 'owner')", [other]);
    expect((await store.memberIds(other)).size).toBe(0);
  });
});
