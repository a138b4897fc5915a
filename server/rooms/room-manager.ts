import { CloseCode } from '../../lib/collab/close-codes';
import { CorruptUpdateError, replayUpdates } from '../../lib/collab/replay';
import type { Fanout, FanoutMessage } from '../fanout/fanout';
import { Room } from './room';
import type { RoomOptions } from './room-options';
import type { RoomStorage } from './room-storage';

/** What the transport needs of a room. */
export type JoinableRoom = Pick<Room, 'join' | 'leave' | 'receive' | 'releaseIfEmpty'>;

export type AcquireResult = { ok: true; room: Room } | { ok: false; code: CloseCode; reason: string };

export interface RoomManagerOptions extends RoomOptions {
  /** How long an empty room stays loaded, so a quick reload does not re-read storage. */
  graceMs: number;
  /** How often open connections' roles are re-read, so a change reaches them within this time. */
  roleRecheckMs: number;
  /** Other collab instances, when there are several (Redis); rooms subscribe before they read the store. */
  fanout?: Fanout;
}

/** Loads rooms on first connection and unloads them (after compacting) once empty for `graceMs`. */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<AcquireResult>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();

  private readonly roleTimer: NodeJS.Timeout;

  constructor(
    private readonly storage: RoomStorage,
    private readonly options: RoomManagerOptions,
  ) {
    this.roleTimer = setInterval(() => void this.recheckRoles(), options.roleRecheckMs);
    this.roleTimer.unref();
    options.fanout?.onResync(() => void this.resyncAll());
    options.fanout?.onPeerGone((instanceId) => {
      for (const room of this.rooms.values()) room.applyRemote({ kind: 'peer-gone' }, instanceId);
    });
  }

  /** False while other instances cannot be heard: new connections wait rather than miss their words. */
  get ready(): boolean {
    return this.options.fanout?.ready ?? true;
  }

  /** After a fan-out gap: every loaded room re-reads the store and relays what it had missed. */
  async resyncAll(): Promise<void> {
    await Promise.all(
      [...this.rooms.values()].map(async (room) => {
        try {
          const result = await this.storage.documents.load(room.manuscriptId);
          if (result.status === 'ok') room.applyRemote({ kind: 'resync', rows: result.rows }, 'store');
        } catch (error) {
          this.options.log(`manuscript ${room.manuscriptId}: resync failed: ${(error as Error).message}`, { manuscriptId: room.manuscriptId, level: 'error' });
        }
      }),
    );
  }

  /** Re-reads every loaded room's members in one query and applies role changes and removals to open connections. */
  async recheckRoles(): Promise<void> {
    const rooms = [...this.rooms.values()];
    if (rooms.length === 0) return;
    try {
      const roles = await this.storage.members.rolesFor(rooms.map((room) => room.manuscriptId));
      for (const room of rooms) room.applyRoles(roles.get(room.manuscriptId) ?? new Map());
    } catch (error) {
      this.options.log(`role re-check failed: ${(error as Error).message}`, { level: 'error' });
    }
  }

  get loadedRoomCount(): number {
    return this.rooms.size;
  }

  getLoadedRoom(manuscriptId: string): Room | undefined {
    return this.rooms.get(manuscriptId);
  }

  /** The loaded room for a manuscript, loading it from storage if needed. */
  async acquire(manuscriptId: string): Promise<AcquireResult> {
    this.cancelUnload(manuscriptId);
    await this.unloading.get(manuscriptId);
    const room = this.rooms.get(manuscriptId);
    if (room && !room.hasFailed) return { ok: true, room };
    let pending = this.loading.get(manuscriptId);
    if (!pending) {
      pending = this.load(manuscriptId).finally(() => this.loading.delete(manuscriptId));
      this.loading.set(manuscriptId, pending);
    }
    return pending;
  }

  /** Compacts and unloads every room; used on shutdown. */
  async unloadAll(code: CloseCode): Promise<void> {
    clearInterval(this.roleTimer);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.all([...this.loading.values()]);
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room, code)));
  }

  private async load(manuscriptId: string): Promise<AcquireResult> {
    const fanout = this.options.fanout;
    // Subscribe first, then read the store, then apply what arrived meanwhile: nothing falls between.
    let room: Room | null = null;
    const early: [FanoutMessage, string][] = [];
    await fanout?.join(manuscriptId, (message, from) => (room ? room.applyRemote(message, from) : early.push([message, from])));
    const loaded = await this.loadFromStore(manuscriptId).catch((error: unknown) => ({ ok: false as const, error }));
    if (!loaded.ok) {
      await fanout?.leave(manuscriptId);
      if ('error' in loaded) throw loaded.error;
      return loaded;
    }
    room = loaded.room;
    for (const [message, from] of early) room.applyRemote(message, from);
    fanout?.publish(manuscriptId, { kind: 'awareness-query' });
    room.onEmpty = () => this.scheduleUnload(loaded.room);
    this.rooms.set(manuscriptId, room);
    return loaded;
  }

  private async loadFromStore(manuscriptId: string): Promise<AcquireResult> {
    const result = await this.storage.documents.load(manuscriptId);
    if (result.status === 'missing') return { ok: false, code: CloseCode.NotFound, reason: 'no such manuscript' };
    if (result.status === 'quarantined') return { ok: false, code: CloseCode.Quarantined, reason: result.reason };
    const fanout = this.options.fanout;
    const room = new Room(manuscriptId, this.storage, this.options, fanout ? (message) => fanout.publish(manuscriptId, message) : undefined);
    try {
      replayUpdates(room.doc, result.rows);
    } catch (error) {
      room.destroy();
      if (!(error instanceof CorruptUpdateError)) throw error;
      await this.storage.manuscripts.quarantine(manuscriptId, error.message);
      this.options.log(`manuscript ${manuscriptId} QUARANTINED: ${error.message}; its rows are kept untouched for inspection`, { manuscriptId, level: 'error' });
      return { ok: false, code: CloseCode.Quarantined, reason: error.message };
    }
    return { ok: true, room };
  }

  private scheduleUnload(room: Room): void {
    this.cancelUnload(room.manuscriptId);
    const delay = room.hasFailed ? 0 : this.options.graceMs;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.manuscriptId);
      if (room.size === 0) void this.unload(room, CloseCode.ServiceRestart);
    }, delay);
    this.unloadTimers.set(room.manuscriptId, timer);
  }

  private cancelUnload(manuscriptId: string): void {
    const timer = this.unloadTimers.get(manuscriptId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(manuscriptId);
  }

  private unload(room: Room, code: CloseCode): Promise<void> {
    const existing = this.unloading.get(room.manuscriptId);
    if (existing) return existing;
    const done = (async () => {
      room.onEmpty = () => {};
      room.closeAll(code);
      await room.flush();
      if (!room.hasFailed) await room.beforeUnload();
      if (this.rooms.get(room.manuscriptId) === room) this.rooms.delete(room.manuscriptId);
      room.destroy();
      await this.options.fanout?.leave(room.manuscriptId);
    })()
      .catch((error: unknown) => this.options.log(`manuscript ${room.manuscriptId}: unload failed: ${(error as Error).message}`, { manuscriptId: room.manuscriptId, level: 'error' }))
      .finally(() => this.unloading.delete(room.manuscriptId));
    this.unloading.set(room.manuscriptId, done);
    return done;
  }
}
