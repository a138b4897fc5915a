import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMessage, createThread, openDatabase, setNotificationSettings, type Db } from '../../lib/storage/sqlite';
import { createSqliteStorage } from '../../lib/storage/sqlite/storage';
import type { Storage } from '../../lib/storage/storage';
import { createCommentService } from './comment-service';
import { seedManuscript, seedWriter } from '../testing/fixtures';
import { createInbox } from '../../lib/notifications/inbox';
import { createSmtpMailer, sendDueDigests, sendImmediate } from '../../lib/notifications/mail';
import { startSmtpSink } from '../../lib/notifications/testing/smtp-sink';

let dir: string;
let db: Db;
let storage: Storage;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-inbox-'));
  db = openDatabase(`file:${path.join(dir, 'test.db')}`);
  storage = createSqliteStorage(db);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cast() {
  const ada = seedWriter(db, 'Ada');
  const ben = seedWriter(db, 'Ben');
  const cy = seedWriter(db, 'Cy');
  const outsider = seedWriter(db, 'Out');
  const { id } = seedManuscript(db, ada, 'The Lighthouse');
  for (const [user, role] of [[ben, 'commenter'], [cy, 'editor']] as const) db.$client.prepare('INSERT INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, ?)').run(id, user.id, role);
  return { ada, ben, cy, outsider, id };
}

const anchor = { start: 'AAAA', end: 'AAAA' };

describe('inbox', () => {
  it('tells the mentioned, the thread’s participants and the thread’s author, never the actor or an outsider', async () => {
    const { ada, ben, cy, outsider, id } = cast();
    const inbox = createInbox(storage);
    const service = createCommentService(storage, { onActivity: inbox.comment });
    const as = (user: typeof ada, role: 'owner' | 'commenter' | 'editor') => ({ user: { id: user.id, name: user.name, color: user.color }, role });
    await service.handle(id, as(ada, 'owner'), { op: 'create', requestId: 'c', sceneId: 'scene0001', anchor, quote: 'the lamp', body: 'Thoughts, @Ben?', mentions: [ben.id, outsider.id] });
    expect((await storage.notifications.list(ben.id)).map((n) => [n.kind, n.actorName, n.excerpt])).toEqual([['mention', 'Ada', 'Thoughts, @Ben?']]);
    expect(await storage.notifications.list(outsider.id)).toEqual([]);
    const threadId = (await storage.notifications.list(ben.id))[0]!.threadId!;

    await service.handle(id, as(ben, 'commenter'), { op: 'reply', requestId: 'r', threadId, body: 'It works.', mentions: [] });
    expect((await storage.notifications.list(ada.id)).map((n) => n.kind)).toEqual(['reply']);
    expect(await storage.notifications.list(ben.id)).toHaveLength(1);

    await service.handle(id, as(cy, 'editor'), { op: 'reply', requestId: 'r2', threadId, body: 'Agreed, @Ada', mentions: [ada.id] });
    // Ada is mentioned (not also told of a reply); Ben joined the thread, so he hears of the reply.
    expect((await storage.notifications.list(ada.id)).map((n) => n.kind)).toEqual(['mention', 'reply']);
    expect((await storage.notifications.list(ben.id)).map((n) => n.kind)).toEqual(['reply', 'mention']);

    await service.handle(id, as(cy, 'editor'), { op: 'resolve', requestId: 'v', threadId, resolved: true });
    expect((await storage.notifications.list(ada.id))[0]).toMatchObject({ kind: 'resolved', actorName: 'Cy', excerpt: 'the lamp', threadId });
    expect(await storage.notifications.unreadCount(ada.id)).toBe(3);
    await storage.notifications.markRead(ada.id, [(await storage.notifications.list(ada.id))[0]!.id]);
    expect(await storage.notifications.unreadCount(ada.id)).toBe(2);
    // Marking someone else's items is a no-op for them.
    await storage.notifications.markRead(ben.id);
    expect(await storage.notifications.unreadCount(ada.id)).toBe(2);
    await storage.notifications.markRead(ada.id);
    expect(await storage.notifications.unreadCount(ada.id)).toBe(0);
    expect(await storage.notifications.unreadCount(ben.id)).toBe(0);
  });

  it('respects each writer’s kinds, and leaves a removed member’s items out', async () => {
    const { ada, ben, id } = cast();
    const threadId = createThread(db, { manuscriptId: id, sceneId: 'scene0001', anchor, quote: 'q', authorId: ben.id, body: 'b', mentions: [] });
    setNotificationSettings(db, ben.id, { kinds: ['mention'], email: 'off' });
    const messageId = addMessage(db, { threadId, authorId: ada.id, body: 'reply', mentions: [] });
    await createInbox(storage).comment({ kind: 'replied', manuscriptId: id, threadId, messageId, actorId: ada.id, mentions: [] });
    expect(await storage.notifications.list(ben.id)).toEqual([]);
    await createInbox(storage).comment({ kind: 'replied', manuscriptId: id, threadId, messageId, actorId: ada.id, mentions: [ben.id] });
    expect(await storage.notifications.list(ben.id)).toHaveLength(1);
    db.$client.prepare('DELETE FROM memberships WHERE user_id = ?').run(ben.id);
    expect(await storage.notifications.list(ben.id)).toEqual([]);
    expect(await storage.notifications.unreadCount(ben.id)).toBe(0);
  });

  it('has a hook for draft restores: every other member hears, the restorer does not', async () => {
    const { ada, ben, cy, outsider, id } = cast();
    await createInbox(storage).draftRestored({ manuscriptId: id, actorId: cy.id, draftName: 'Before the big cut' });
    for (const user of [ada, ben]) expect((await storage.notifications.list(user.id)).map((n) => [n.kind, n.actorName, n.excerpt])).toEqual([['draft-restored', 'Cy', 'Before the big cut']]);
    expect(await storage.notifications.list(cy.id)).toEqual([]);
    expect(await storage.notifications.list(outsider.id)).toEqual([]);
  });

  it('emails immediately to those who asked, and a daily digest once a day, through a real SMTP server', async () => {
    const { ada, ben, cy, id } = cast();
    const server = await startSmtpSink();
    try {
      const mailer = createSmtpMailer(server.url, 'Scriptorium <no-reply@example.test>');
      setNotificationSettings(db, ben.id, { kinds: ['mention', 'reply', 'resolved', 'reopened', 'shared', 'draft-restored'], email: 'immediate' });
      setNotificationSettings(db, cy.id, { kinds: ['mention', 'reply', 'resolved', 'reopened', 'shared', 'draft-restored'], email: 'daily' });
      const inbox = createInbox(storage);
      const threadId = createThread(db, { manuscriptId: id, sceneId: 'scene0001', anchor, quote: 'the lamp', authorId: ada.id, body: 'Hm', mentions: [] });
      const messageId = addMessage(db, { threadId, authorId: ada.id, body: 'What do you think, @Ben Marsh?', mentions: [ben.id, cy.id] });
      const ids = await inbox.comment({ kind: 'replied', manuscriptId: id, threadId, messageId, actorId: ada.id, mentions: [ben.id, cy.id] });
      expect(await sendImmediate(storage.notifications, mailer, 'http://localhost:3000', ids)).toBe(1);
      expect(server.received).toHaveLength(1);
      expect(server.received[0]!.to).toEqual([ben.email]);
      expect(server.received[0]!.text).toContain('Ada mentioned you in');
      expect(server.received[0]!.text).toContain(`/m/${id}?thread=${threadId}`);
      // Sent once only.
      expect(await sendImmediate(storage.notifications, mailer, 'http://localhost:3000', ids)).toBe(0);

      const now = new Date();
      expect(await sendDueDigests(storage.notifications, mailer, 'http://localhost:3000', now)).toBe(1);
      expect(server.received.at(-1)!.to).toEqual([cy.email]);
      expect(server.received.at(-1)!.text).toContain('1 new thing');
      // Not again the same day.
      expect(await sendDueDigests(storage.notifications, mailer, 'http://localhost:3000', new Date(now.getTime() + 60_000))).toBe(0);
      expect(server.received).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
