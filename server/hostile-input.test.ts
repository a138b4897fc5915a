import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../lib/collab/close-codes';
import { MessageType } from '../lib/collab/message-types';
import { decodeServerMessage, encodeRestoreDraft, encodeSyncUpdate, PROTOCOL_VERSION } from '../lib/collab/protocol';
import { insertDraft, readUpdates } from '../lib/storage/sqlite';
import { closeCodeOf, startHarness, type Harness } from './testing/server-harness';
import { waitFor } from './testing/headless-client';

let harness: Harness;
afterEach(async () => {
  await harness?.stop();
});

/** Collects every decoded server frame a raw socket receives. */
function recorder() {
  const frames: ReturnType<typeof decodeServerMessage>[] = [];
  return { frames, onMessage: (data: Buffer) => frames.push(decodeServerMessage(new Uint8Array(data))) };
}

const typedUpdates = (text: string): Uint8Array[] => {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const char of text) doc.getText('t').insert(doc.getText('t').length, char);
  return updates;
};

describe('one bad client harms only itself', () => {
  it("a viewer's truncated sync step 1 (00 00 01 05) closes the viewer only; editors keep writing and saving", async () => {
    harness = await startHarness();
    const { id, owner } = harness.newManuscript();
    const ada = await harness.client(id, owner);
    const ben = await harness.client(id, harness.member(id, 'Ben', 'editor'));
    await waitFor(() => ada.saves.status === 'saved' && ben.saves.status === 'saved', 'editors synced');
    const viewer = harness.member(id, 'Vic', 'viewer');
    for (let attempt = 0; attempt < 5; attempt++) {
      const ws = await harness.rawSocketAs(id, viewer);
      const closed = closeCodeOf(ws);
      ws.send(new Uint8Array([0x00, 0x00, 0x01, 0x05]));
      expect(await closed).toBe(CloseCode.InvalidMessage);
      ada.type(`${attempt}`);
    }
    ben.type('still here');
    await waitFor(() => ada.text() === ben.text() && ada.saves.status === 'saved' && ben.saves.status === 'saved', 'editors converge and save');
    expect(ada.provider.wsconnected && ben.provider.wsconnected).toBe(true);
    expect(harness.server.rooms.getLoadedRoom(id)?.hasFailed).toBe(false);
    expect(harness.storedText(id)).toBe(ada.text());
  });

  it('a client from an older deploy (no protocol version) is told to reload', async () => {
    harness = await startHarness();
    const { id, owner } = harness.newManuscript();
    const ws = await harness.rawSocket(`manuscript.${id}`, `?token=${await harness.token(owner, id)}&v=1`);
    expect(await closeCodeOf(ws)).toBe(CloseCode.ProtocolOutdated);
  });

  it('sockets that never authenticate are refused before any frame is read, and cut off even while they stream', async () => {
    harness = await startHarness({ maxMessageBytes: 2 * 1024 * 1024, limits: { maxFailedHandshakes: 1000 } });
    const { id, owner } = harness.newManuscript();
    const ada = await harness.client(id, owner);
    await waitFor(() => ada.saves.status === 'saved', 'writer synced');
    const megabyte = new Uint8Array(1024 * 1024).fill(7);
    const strangers = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const ws = await harness.rawSocket(`manuscript.${id}`, '?token=forged');
        const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
        const stream = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(megabyte), 5);
        return closed.finally(() => clearInterval(stream));
      }),
    );
    expect(new Set(strangers)).toEqual(new Set([CloseCode.Unauthorized]));
    ada.type('unbothered');
    await waitFor(() => ada.saves.status === 'saved' && harness.storedText(id) === 'unbothered', 'writer saved');
  });

  it('an address whose handshakes keep failing is refused at the HTTP upgrade (429) for a while; others still join', async () => {
    harness = await startHarness({ host: '0.0.0.0', limits: { maxFailedHandshakes: 5 } });
    const { id, owner } = harness.newManuscript();
    for (let i = 0; i < 6; i++) {
      const ws = await harness.rawSocket(`manuscript.${id}`, '?token=forged');
      expect(await closeCodeOf(ws)).toBe(CloseCode.Unauthorized);
    }
    const refused = await harness.rawSocket(`manuscript.${id}`, '?token=forged').then(
      () => 'opened',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/429/);
    // The same writer from another address is untouched.
    const elsewhere = new WebSocket(`${harness.url.replace('127.0.0.1', '127.0.0.2')}/manuscript.${id}?v=${PROTOCOL_VERSION}&token=${await harness.token(owner, id)}`, { localAddress: '127.0.0.2' });
    await new Promise((resolve, reject) => (elsewhere.once('open', resolve), elsewhere.once('error', reject)));
    elsewhere.terminate();
  });

  it('a handshake that never finishes its headers is dropped after the handshake timeout', async () => {
    harness = await startHarness({ limits: { handshakeTimeoutMs: 300 } });
    const socket = net.connect(harness.server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /manuscript.abcdef HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
    const answer: string[] = [];
    socket.on('data', (chunk: Buffer) => answer.push(chunk.toString()));
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(answer.join('')).toMatch(/^HTTP\/1.1 408/);
  });

  it('caps open connections per writer; the next one is closed with 4429', async () => {
    harness = await startHarness({ limits: { maxSocketsPerUser: 3 } });
    const { id, owner } = harness.newManuscript();
    const open = await Promise.all([0, 1, 2].map(() => harness.rawSocketAs(id, owner)));
    const fourth = await harness.rawSocketAs(id, owner);
    expect(await closeCodeOf(fourth)).toBe(CloseCode.TooManyConnections);
    open[0]!.close();
    await closeCodeOf(open[0]!);
    await waitFor(() => true, 'tick');
    const again = await harness.rawSocketAs(id, owner);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(again.readyState).toBe(WebSocket.OPEN);
  });

  it('a change over the frame limit is refused once (1009) and the client stops retrying', async () => {
    harness = await startHarness({ maxMessageBytes: 64 * 1024 });
    const { id, owner } = harness.newManuscript();
    const ada = await harness.client(id, owner);
    await waitFor(() => ada.saves.status === 'saved', 'synced');
    const closed = new Promise<number>((resolve) => ada.provider.once('closed', ({ code }: { code: number }) => resolve(code)));
    ada.doc.getText('t').insert(0, 'x'.repeat(200 * 1024));
    expect(await closed).toBe(CloseCode.MessageTooBig);
    const joinsBefore = harness.logs.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(ada.provider.wsconnected || ada.provider.wsconnecting).toBe(false);
    expect(harness.logs.length).toBe(joinsBefore);
  });

  it('an offline session of 50 MB of text saves in one go', async () => {
    harness = await startHarness({ maxMessageBytes: 64 * 1024 * 1024 });
    const { id, owner } = harness.newManuscript();
    const ada = await harness.client(id, owner);
    await waitFor(() => ada.saves.status === 'saved', 'synced');
    ada.provider.disconnect();
    // Written on this device while offline (as IndexedDB would hand it back), sent as one sync step 2 on reconnect.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(ada.doc));
    const paragraph = 'She wrote through the night, and the lamp burned low. '.repeat(1000);
    const text = offline.getText('t');
    while (text.length < 50 * 1024 * 1024) text.insert(text.length, paragraph);
    Y.applyUpdate(ada.doc, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(ada.doc)), 'offline');
    ada.provider.connect();
    await waitFor(() => ada.saves.status === 'saved', 'offline session saved', 120_000);
    expect(harness.storedText(id).length).toBe(text.length);
  }, 180_000);

  it('an update with missing dependencies is neither stored, relayed nor acknowledged; a sender that keeps them missing is closed', async () => {
    harness = await startHarness({ roomLimits: { pendingGraceMs: 300 } });
    const { id, owner } = harness.newManuscript();
    const peer = recorder();
    await harness.rawSocketAs(id, harness.member(id, 'Ben', 'editor'), peer.onMessage);
    const sender = recorder();
    const ws = await harness.rawSocketAs(id, owner, sender.onMessage);
    await waitFor(() => sender.frames.some((f) => f.type === 'stored') || sender.frames.length >= 2, 'greeting');
    const rowsBefore = readUpdates(harness.db, id).length;
    const [first, second] = typedUpdates('ab') as [Uint8Array, Uint8Array];
    const relayedBefore = peer.frames.length;
    ws.send(encodeSyncUpdate(second));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readUpdates(harness.db, id)).toHaveLength(rowsBefore);
    expect(peer.frames.length).toBe(relayedBefore);
    expect(sender.frames.filter((f) => f.type === 'stored')).toHaveLength(0);

    ws.send(encodeSyncUpdate(first));
    await waitFor(() => harness.storedText(id) === 'ab', 'both integrate once the dependency arrives');
    await waitFor(() => sender.frames.some((f) => f.type === 'stored'), 'acknowledged');

    const closed = closeCodeOf(ws);
    const orphans = typedUpdates('x'.repeat(40)).slice(1);
    ws.send(encodeSyncUpdate(orphans[0]!));
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const update of orphans.slice(1)) if (ws.readyState === WebSocket.OPEN) ws.send(encodeSyncUpdate(update));
    expect(await closed).toBe(CloseCode.InvalidMessage);
    expect(harness.storedText(id)).toBe('ab');
  });

  it("another writer's orphaned update is charged to its sender: a healthy writer typing past the grace period stays connected", async () => {
    harness = await startHarness({ roomLimits: { pendingGraceMs: 200 } });
    const { id, owner } = harness.newManuscript();
    const ada = await harness.client(id, owner);
    await waitFor(() => ada.saves.status === 'saved', 'ada synced');
    const eve = await harness.rawSocketAs(id, harness.member(id, 'Eve', 'editor'));
    eve.send(encodeSyncUpdate(typedUpdates('orphan')[3]!));
    let closes = 0;
    ada.provider.on('connection-close', () => (closes += 1));
    for (const word of ['one ', 'two ', 'three']) {
      ada.type(word);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await waitFor(() => ada.saves.status === 'saved' && harness.storedText(id) === 'one two three', 'ada keeps saving');
    expect(closes).toBe(0);
    eve.close();
  });

  it('restoring a draft whose stored state does not decode fails that restore only', async () => {
    harness = await startHarness();
    const { id, owner } = harness.newManuscript();
    const ben = await harness.client(id, harness.member(id, 'Ben', 'editor'));
    await waitFor(() => ben.saves.status === 'saved', 'ben synced');
    const draftId = insertDraft(harness.db, { manuscriptId: id, kind: 'draft', name: 'Broken', createdBy: owner.id, wordCount: 0, state: new Uint8Array([1, 200, 3, 4, 5, 6]) });
    const ada = recorder();
    const ws = await harness.rawSocketAs(id, owner, ada.onMessage);
    ws.send(encodeRestoreDraft(draftId));
    await waitFor(() => ada.frames.some((f) => f.type === 'restore-result'), 'restore answered');
    const result = ada.frames.find((f) => f.type === 'restore-result');
    expect(result).toMatchObject({ result: { ok: false } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ben.type('the room lives');
    await waitFor(() => ben.saves.status === 'saved' && harness.storedText(id) === 'the room lives', 'room still stores');
    expect(harness.server.rooms.getLoadedRoom(id)?.hasFailed).toBe(false);
    void MessageType;
  });
});
