import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../lib/collab/close-codes';
import { encodeSyncUpdate } from '../../lib/collab/protocol';
import { encodeNewManuscript, readScenes } from '../../lib/manuscript/binder';
import { createMemoryStorage } from '../../lib/storage/memory/storage';
import { FakeSocket } from '../testing/fake-socket';
import { roomFeatures } from './features';
import { RoomManager } from './room-manager';

const identity = { user: { id: 'u', name: 'Ada', color: '#aa3355' }, role: 'editor' as const };

function setup(graceMs = 1000) {
  const memory = createMemoryStorage();
  const log: string[] = [];
  const manager = new RoomManager(memory.storage, { graceMs, roleRecheckMs: 60_000, features: roomFeatures({ compactEveryUpdates: 1000, checkpointIntervalMs: 3_600_000 }), log: (line) => log.push(line) });
  return { memory, manager, log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RoomManager', () => {
  it('loads a room once for concurrent connections, from stored rows', async () => {
    const { memory, manager } = setup();
    memory.create('ms-alpha', encodeNewManuscript());
    const [a, b] = await Promise.all([manager.acquire('ms-alpha'), manager.acquire('ms-alpha')]);
    expect(a.ok && b.ok && a.room === b.room).toBe(true);
    expect(manager.loadedRoomCount).toBe(1);
    if (a.ok) expect(readScenes(a.room.doc)).toHaveLength(1);
  });

  it('refuses an unknown manuscript with NotFound', async () => {
    const { manager } = setup();
    expect(await manager.acquire('ms-nobody')).toMatchObject({ ok: false, code: CloseCode.NotFound });
  });

  it('unloads an empty room after the grace period and compacts it', async () => {
    vi.useFakeTimers();
    const { memory, manager } = setup(5000);
    memory.create('ms-alpha', encodeNewManuscript());
    const acquired = await manager.acquire('ms-alpha');
    if (!acquired.ok) throw new Error('expected a room');
    const socket = new FakeSocket();
    acquired.room.join(socket, identity);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'words');
    acquired.room.receive(socket, encodeSyncUpdate(Y.encodeStateAsUpdate(doc)));
    await acquired.room.flush();
    acquired.room.leave(socket);

    await vi.advanceTimersByTimeAsync(4000);
    expect(manager.loadedRoomCount).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(manager.loadedRoomCount).toBe(0);
    expect(memory.rows('ms-alpha')).toHaveLength(1);
  });

  it('a connection within the grace period keeps the same room', async () => {
    vi.useFakeTimers();
    const { memory, manager } = setup(5000);
    memory.create('ms-alpha', encodeNewManuscript());
    const first = await manager.acquire('ms-alpha');
    if (!first.ok) throw new Error('expected a room');
    const socket = new FakeSocket();
    first.room.join(socket, identity);
    first.room.leave(socket);
    await vi.advanceTimersByTimeAsync(3000);
    const second = await manager.acquire('ms-alpha');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(second.ok && second.room === first.room).toBe(true);
    expect(manager.loadedRoomCount).toBe(1);
  });

  it('quarantines a manuscript whose stored row fails to decode, and keeps serving the others', async () => {
    const { memory, manager, log } = setup();
    memory.create('ms-broken', encodeNewManuscript());
    memory.appendRaw('ms-broken', new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    memory.create('ms-healthy', encodeNewManuscript());

    const broken = await manager.acquire('ms-broken');
    expect(broken).toMatchObject({ ok: false, code: CloseCode.Quarantined });
    expect(memory.quarantineReason('ms-broken')).toMatch(/failed to decode/);
    expect(memory.rows('ms-broken')).toHaveLength(2);
    expect(log.join('\n')).toMatch(/ms-broken QUARANTINED/);
    expect(await manager.acquire('ms-broken')).toMatchObject({ ok: false, code: CloseCode.Quarantined });
    expect((await manager.acquire('ms-healthy')).ok).toBe(true);
  });

  it('loads a fresh room from storage after a storage failure', async () => {
    const { memory, manager } = setup();
    memory.create('ms-alpha', encodeNewManuscript());
    const first = await manager.acquire('ms-alpha');
    if (!first.ok) throw new Error('expected a room');
    const socket = new FakeSocket();
    first.room.join(socket, identity);
    memory.state.failAppends = true;
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'unstored');
    first.room.receive(socket, encodeSyncUpdate(Y.encodeStateAsUpdate(doc)));
    await first.room.flush();
    memory.state.failAppends = false;
    const second = await manager.acquire('ms-alpha');
    expect(second.ok && second.room !== first.room).toBe(true);
    if (second.ok) expect(second.room.doc.getText('t').toString()).toBe('');
  });
});
