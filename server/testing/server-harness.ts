import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { PROTOCOL_VERSION } from '../../lib/collab/protocol';
import { replayUpdates } from '../../lib/collab/replay';
import type { User } from '../../lib/storage/records';
import { readUpdates, type Db } from '../../lib/storage/sqlite';
import { createSqliteStorage } from '../../lib/storage/sqlite/storage';
import { openTestSqlite } from '../../lib/storage/sqlite/test-database';
import { startCollabServer, type CollabServer, type CollabServerOptions } from '../collab-server';
import { createCommentService } from '../comments/comment-service';
import { seedManuscript, seedWriter, TEST_SECRET, tokenFor } from './fixtures';
import { connectHeadlessClient, type HeadlessClient } from './headless-client';
import { TEST_SERVER_OPTIONS } from './server-options';

export type Role = 'editor' | 'commenter' | 'viewer';

/** A real collab server on port 0 over a real SQLite file in a temp folder, with helpers to join it. */
export async function startHarness(overrides: Partial<CollabServerOptions> = {}) {
  const test = openTestSqlite();
  const db: Db = test.db;
  const storage = createSqliteStorage(db, { commitWindowMs: 5 });
  const logs: string[] = [];
  const server: CollabServer = await startCollabServer({
    ...TEST_SERVER_OPTIONS,
    storage,
    comments: createCommentService(storage),
    log: (line) => logs.push(line),
    ...overrides,
  });
  const url = `ws://127.0.0.1:${server.port}`;
  const clients: HeadlessClient[] = [];
  const sockets: WebSocket[] = [];
  const owners = new Map<string, User>();

  const harness = {
    db,
    storage,
    server,
    url,
    logs,
    newManuscript(title = 'T') {
      const owner = seedWriter(db, 'Owner');
      const manuscript = seedManuscript(db, owner, title);
      owners.set(manuscript.id, owner);
      return { id: manuscript.id, owner };
    },
    /** A new member of manuscript `id` with `role`. */
    member(id: string, name: string, role: Role): User {
      const writer = seedWriter(db, name);
      db.$client.prepare('INSERT OR REPLACE INTO memberships (manuscript_id, user_id, role) VALUES (?, ?, ?)').run(id, writer.id, role);
      return writer;
    },
    token: (user: User, id: string) => tokenFor(db, user, id),
    /** A stock WebsocketProvider joining as `user`. */
    async client(id: string, user: User): Promise<HeadlessClient> {
      const client = connectHeadlessClient(url, id, await tokenFor(db, user, id));
      clients.push(client);
      return client;
    },
    /** A raw socket to a room; `onMessage` is attached before the handshake, since the greeting follows it at once. */
    rawSocket(room: string, query = '', onMessage?: (data: Buffer) => void): Promise<WebSocket> {
      const versioned = query.includes('v=') ? query : `${query}${query ? '&' : '?'}v=${PROTOCOL_VERSION}`;
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(`${url}/${room}${versioned}`);
        sockets.push(ws);
        if (onMessage) ws.on('message', onMessage);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    },
    async rawSocketAs(id: string, user: User, onMessage?: (data: Buffer) => void): Promise<WebSocket> {
      return harness.rawSocket(`manuscript.${id}`, `?token=${await tokenFor(db, user, id)}`, onMessage);
    },
    /** The manuscript as a fresh load from the database would see it. */
    storedDoc(id: string): Y.Doc {
      const doc = new Y.Doc();
      replayUpdates(doc, readUpdates(db, id));
      return doc;
    },
    storedText: (id: string) => harness.storedDoc(id).getText('t').toString(),
    async stop() {
      for (const client of clients.splice(0)) client.destroy();
      for (const ws of sockets.splice(0)) ws.terminate();
      await server.shutdown();
      await storage.close();
      test.close();
    },
  };
  return harness;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export const closeCodeOf = (ws: WebSocket): Promise<number> =>
  ws.readyState === WebSocket.CLOSED ? Promise.resolve(-1) : new Promise((resolve) => ws.once('close', (code) => resolve(code)));

export { TEST_SECRET };
