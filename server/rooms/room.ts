import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { canWrite, hasAtLeast } from '../../lib/domain/roles';
import { CloseCode, closeReason } from '../../lib/collab/close-codes';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeRestoreResult,
  encodeRole,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type ClientMessage,
} from '../../lib/collab/protocol';
import { encodeCommentEvent } from '../../lib/comments/protocol';
import type { Identity, Role } from '../auth/authenticate';
import type { CommentService } from '../comments/comment-service';
import type { FanoutMessage } from '../fanout/fanout';
import type { Log } from '../log';
import type { Storage } from '../../lib/storage/storage';
import { stampAwarenessUpdate } from '../protocol/awareness-stamp';
import { FrameBudget } from '../protocol/frame-budget';
import { SOCKET_OPEN, type SocketLike } from '../transport/socket';
import { SuggestionGuard } from './suggestion-guard';

/** The origin of what another collab instance sent: applied and relayed here, never stored or published again. */
interface RemoteOrigin {
  remote: string;
}

/** The awareness client ids an awareness update speaks for, and whether each is now gone (null state). */
function awarenessEntries(update: Uint8Array): { clientId: number; removed: boolean }[] {
  const decoder = decoding.createDecoder(update);
  const entries: { clientId: number; removed: boolean }[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    entries.push({ clientId, removed: decoding.readVarString(decoder) === 'null' });
  }
  return entries;
}

/** A state vector frame payload from per-client clocks. */
function encodeClocks(clocks: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clocks.size);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

export interface RoomLimits {
  /** Bytes of not-yet-integrable updates (missing dependencies) a room holds before refusing more. */
  maxPendingBytes: number;
  /**
   * How long a connection's updates may keep dependencies missing before it is closed. A client
   * reconnecting after a crash legitimately sends a few such updates before its sync step 2 fills the gap.
   */
  pendingGraceMs: number;
  /** Frames per second per connection, and the burst allowed above it. */
  framesPerSecond: number;
  frameBurst: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = { maxPendingBytes: 1024 * 1024, pendingGraceMs: 10_000, framesPerSecond: 300, frameBurst: 2000 };

export interface RoomOptions {
  /** Stored updates after which the log is folded into one snapshot row. */
  compactEveryUpdates: number;
  /** While people write, an automatic checkpoint is kept at most this often. */
  checkpointIntervalMs: number;
  /** Comment threads, stored and authorised per operation; absent in tests that need none. */
  comments?: CommentService;
  limits?: Partial<RoomLimits>;
  /** Called for every update a room accepts (for metrics). */
  onUpdate?: () => void;
  /** Called after a draft restore is stored, so co-authors hear of it (the inbox). */
  onDraftRestored?: (event: { manuscriptId: string; actorId: string; draftName: string }) => void;
  log: Log;
}

interface Connection {
  socket: SocketLike;
  identity: Identity;
  /** Awareness client ids this connection announced, removed when it leaves. */
  awarenessIds: Set<number>;
  budget: FrameBudget;
  /** Since when this connection's updates have left dependencies missing, or null. */
  pendingSince: number | null;
  /** Counts this connection's appends, so only the newest acknowledgement of a batch is sent. */
  appendsMade: number;
  /** What this connection's updates since its last acknowledgement cover, per client. */
  unacknowledged: Map<number, number>;
}

/** A client's fault, met while handling its frame: it closes that connection only. */
class ClientFault extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}

/** Storage failed: nothing more may be acknowledged in this room. */
class StorageFault extends Error {}

/**
 * One loaded manuscript: its Y.Doc, awareness and connections.
 *
 * Write path: an update is applied and relayed to the room's other connections at once, appended
 * to the group-committed log, and acknowledged to its sender (`stored`) only after that commit.
 * A frame that is malformed or refused closes its own connection only; only a storage failure
 * closes the room.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Lets a commenter's update in only if it is nothing but their own suggestions. */
  private readonly suggestions = new SuggestionGuard(this.doc);
  private readonly connections = new Map<SocketLike, Connection>();
  private readonly limits: RoomLimits;
  /** Comment operations, restores and checkpoints run one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  /** Settles once every append made so far has committed (or the room has failed). */
  private lastAppend: Promise<void> = Promise.resolve();
  private appendsSinceCompaction = 0;
  private compacting = false;
  /** Who changed the text since the last checkpoint, by name. */
  private readonly changedBy = new Set<string>();
  private lastCheckpointAt = Date.now();
  private failed = false;
  /** The connection whose update last added pending (not yet integrable) state. */
  private pendingOwner: Connection | null = null;
  /** Called when the last connection leaves or the room fails. */
  onEmpty: () => void = () => {};
  /** Awareness client ids announced through each other collab instance, dropped if it dies. */
  private readonly remoteAwareness = new Map<string, Set<number>>();

  constructor(
    readonly manuscriptId: string,
    private readonly storage: Pick<Storage, 'documents' | 'drafts'>,
    private readonly options: RoomOptions,
    /** Tells the other collab instances, when there are any: stored updates, awareness, comment events. */
    private readonly fanOut: (message: FanoutMessage) => void = () => {},
  ) {
    this.limits = { ...DEFAULT_ROOM_LIMITS, ...options.limits };
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.broadcastAwareness);
  }

  get size(): number {
    return this.connections.size;
  }

  get hasFailed(): boolean {
    return this.failed;
  }

  join(socket: SocketLike, identity: Identity): void {
    if (this.failed) return socket.close(CloseCode.StorageFailure, closeReason[CloseCode.StorageFailure]);
    const budget = new FrameBudget(this.limits.framesPerSecond, this.limits.frameBurst);
    this.connections.set(socket, { socket, identity, awarenessIds: new Set(), budget, pendingSince: null, appendsMade: 0, unacknowledged: new Map() });
    this.send(socket, encodeRole(identity.role));
    this.send(socket, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) this.send(socket, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    const comments = this.options.comments;
    if (comments) {
      this.enqueue(async () => {
        const threads = await comments.threads(this.manuscriptId);
        this.send(socket, encodeCommentEvent({ kind: 'threads', threads, replace: true }));
      });
    }
  }

  /** Decodes and handles one frame; anything wrong with it closes this connection only. */
  receive(socket: SocketLike, frame: Uint8Array): void {
    const connection = this.connections.get(socket);
    if (!connection || this.failed) return;
    if (!connection.budget.take()) return this.reject(socket, CloseCode.TooManyMessages, 'frame budget exhausted');
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
      this.handle(connection, message);
    } catch (error) {
      this.onHandlerError(connection, error);
    }
  }

  leave(socket: SocketLike): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    if (this.pendingOwner === connection) this.dropPending();
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    if (this.connections.size === 0) this.onEmpty();
  }

  /** For a connection that was admitted to the room but never joined: lets an empty room unload. */
  releaseIfEmpty(): void {
    if (this.connections.size === 0) this.onEmpty();
  }

  /**
   * Applies the members' current roles: a removed member is disconnected, a changed role takes
   * effect at once on the open connection and is told to the client.
   */
  applyRoles(roles: Map<string, Role>): void {
    for (const connection of [...this.connections.values()]) {
      const role = roles.get(connection.identity.user.id);
      if (!role) {
        this.reject(connection.socket, CloseCode.Forbidden, `access removed for ${connection.identity.user.id}`);
      } else if (role !== connection.identity.role) {
        connection.identity = { ...connection.identity, role };
        this.send(connection.socket, encodeRole(role));
      }
    }
  }

  /** Resolves once every frame received so far has been handled and every append committed. */
  async flush(): Promise<void> {
    await this.queue;
    await this.storage.documents.flush();
    await this.lastAppend;
  }

  /** Keeps a checkpoint of the stored state if anyone wrote since the last one (used on unload). */
  checkpoint(): Promise<void> {
    return this.enqueue(async () => {
      if (this.changedBy.size > 0) await this.checkpointNow('Automatic checkpoint');
    });
  }

  /** Folds the stored log into one snapshot row, if anything was appended since the last fold. */
  compact(): Promise<void> {
    return this.enqueue(() => this.compactNow());
  }

  closeAll(code: CloseCode): void {
    for (const socket of [...this.connections.keys()]) {
      socket.close(code, closeReason[code]);
      this.leave(socket);
    }
  }

  destroy(): void {
    this.awareness.off('update', this.broadcastAwareness);
    this.awareness.destroy();
    this.suggestions.dispose();
    this.doc.destroy();
  }

  private handle(connection: Connection, message: ClientMessage): void {
    const { socket } = connection;
    switch (message.type) {
      case 'sync-step-1': {
        this.send(socket, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        // What this connection now holds from us is stored once the appends made so far commit.
        const vector = Y.encodeStateVector(this.doc);
        void this.lastAppend.then(() => this.send(socket, encodeStored(vector)));
        return;
      }
      case 'sync-step-2':
      case 'sync-update':
        if (!canWrite(connection.identity.role)) {
          // A reader's client answers sync with an update that holds nothing new; a commenter may add their own suggestions; anything more is refused.
          if (this.changesNothing(message.update)) return;
          if (!hasAtLeast(connection.identity.role, 'commenter')) throw new ClientFault(CloseCode.Forbidden, 'read-only connection sent a change');
          const refusal = this.suggestions.check(message.update, connection.identity.user.id);
          if (refusal) throw new ClientFault(CloseCode.SuggestionRefused, refusal);
        }
        this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update);
        return;
      case 'query-awareness':
        this.send(socket, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case 'comment': {
        const comments = this.options.comments;
        if (!comments) return;
        this.enqueueFor(connection, async () => {
          const outcome = await comments.handle(this.manuscriptId, connection.identity, message.payload);
          this.send(socket, encodeCommentEvent(outcome.reply));
          if (outcome.broadcast) {
            const frame = encodeCommentEvent(outcome.broadcast);
            this.broadcast(frame);
            this.fanOut({ kind: 'broadcast', frame });
          }
        });
        return;
      }
      case 'restore-draft':
        this.enqueueFor(connection, () => this.restoreDraft(connection, message.draftId));
        return;
    }
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    const pendingBefore = this.pendingBytes();
    const { error } = this.changeAndStore(() => Y.applyUpdate(this.doc, update, connection), connection, connection.socket);
    if (error) throw new ClientFault(CloseCode.InvalidMessage, `update failed to apply: ${(error as Error).message}`);
    this.checkPending(connection, pendingBefore);
    this.noteCovered(connection, update);
    const made = ++connection.appendsMade;
    void this.lastAppend.then(() => {
      if (made !== connection.appendsMade || this.failed || connection.unacknowledged.size === 0) return;
      this.send(connection.socket, encodeStored(encodeClocks(connection.unacknowledged)));
      connection.unacknowledged.clear();
    });
    if (this.appendsSinceCompaction >= this.options.compactEveryUpdates && !this.compacting) void this.compact();
    if (this.changedBy.size > 0 && Date.now() - this.lastCheckpointAt >= this.options.checkpointIntervalMs) {
      this.lastCheckpointAt = Date.now();
      void this.checkpoint();
    }
  }

  /**
   * Runs `change` on the document; whatever integrated is relayed to the other connections at
   * once and appended to the log. The one path by which the live document changes. Returns the
   * change's error, if it threw part-way: what did integrate is stored all the same.
   */
  private changeAndStore(change: () => void, editor: Connection, except?: SocketLike): { error?: unknown } {
    let integrated: Uint8Array | null = null;
    let more: Uint8Array[] | null = null;
    const capture = (bytes: Uint8Array) => {
      if (integrated === null) integrated = bytes;
      else (more ??= [integrated]).push(bytes);
    };
    let error: unknown;
    this.doc.on('update', capture);
    try {
      change();
    } catch (caught) {
      error = caught;
    } finally {
      this.doc.off('update', capture);
    }
    if (integrated === null) return { error };
    const bytes: Uint8Array = more ? Y.mergeUpdates(more) : integrated;
    this.broadcast(encodeSyncUpdate(bytes), except);
    const stored = this.storage.documents.append(this.manuscriptId, bytes, editor.identity.user.id);
    // Other instances hear of an update only once it is stored, so none holds words the store lacks.
    stored.then(() => this.fanOut({ kind: 'update', update: bytes }), () => {});
    this.lastAppend = stored.catch((cause: unknown) => {
      this.fail(new StorageFault((cause as Error).message));
    });
    this.appendsSinceCompaction += 1;
    this.changedBy.add(editor.identity.user.name);
    this.options.onUpdate?.();
    return { error };
  }

  /** Bytes of updates Yjs holds back because their dependencies are missing. */
  private pendingBytes(): number {
    const store = this.doc.store;
    return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
  }

  /** Drops what Yjs holds back; a legitimate sender re-sends it through sync when it reconnects. */
  private dropPending(): void {
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.pendingOwner = null;
  }

  /**
   * An update whose dependencies the room lacks stays pending inside Yjs, neither stored, relayed
   * nor acknowledged. Pending state is charged to the connection whose update added it, bounded in
   * bytes and time; past either bound it is dropped and that connection (only) is closed.
   */
  private checkPending(connection: Connection, pendingBefore: number): void {
    const pendingAfter = this.pendingBytes();
    if (pendingAfter === 0) {
      this.pendingOwner = null;
      connection.pendingSince = null;
      return;
    }
    if (pendingAfter <= pendingBefore) return;
    this.pendingOwner = connection;
    const now = performance.now();
    connection.pendingSince ??= now;
    if (pendingAfter > this.limits.maxPendingBytes || now - connection.pendingSince > this.limits.pendingGraceMs) {
      this.dropPending();
      throw new ClientFault(CloseCode.InvalidMessage, `updates with missing dependencies (${pendingAfter} bytes pending)`);
    }
  }

  /** Adds the part of the room's state that an update speaks for to what its sender will be told is stored. */
  private noteCovered(connection: Connection, update: Uint8Array): void {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      const covered = Math.min(clock, Y.getState(this.doc.store, client));
      if (covered > (connection.unacknowledged.get(client) ?? 0)) connection.unacknowledged.set(client, covered);
    }
  }

  private changesNothing(update: Uint8Array): boolean {
    try {
      return Y.snapshotContainsUpdate(Y.snapshot(this.doc), update);
    } catch {
      return false;
    }
  }

  private applyAwareness(connection: Connection, update: Uint8Array): void {
    const ownedElsewhere = new Set<number>();
    for (const other of this.connections.values()) {
      if (other !== connection) for (const id of other.awarenessIds) ownedElsewhere.add(id);
    }
    let stamped: ReturnType<typeof stampAwarenessUpdate>;
    try {
      stamped = stampAwarenessUpdate(update, connection.identity.user, (id) => !ownedElsewhere.has(id));
    } catch (error) {
      throw new ClientFault(CloseCode.InvalidMessage, `bad awareness update: ${(error as Error).message}`);
    }
    for (const id of stamped.clientIds) connection.awarenessIds.add(id);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, connection);
  }

  private async checkpointNow(name: string): Promise<void> {
    const changedBy = [...this.changedBy];
    this.changedBy.clear();
    this.lastCheckpointAt = Date.now();
    await this.lastAppend;
    try {
      await this.storage.documents.saveCheckpoint(this.manuscriptId, { name, changedBy });
    } catch (error) {
      for (const who of changedBy) this.changedBy.add(who);
      throw error;
    }
  }

  /**
   * Restores a saved draft as one transaction in the live document, relayed and stored like any
   * update. The state just before is kept as a checkpoint, so a restore can be undone. A draft
   * that cannot be read fails this restore only.
   */
  private async restoreDraft(connection: Connection, draftId: string): Promise<void> {
    const reply = (ok: boolean, message: string) => this.send(connection.socket, encodeRestoreResult({ ok, message }));
    if (!canWrite(connection.identity.role)) return reply(false, 'Only editors and the owner can restore a draft.');
    const draft = await this.storage.drafts.get(this.manuscriptId, draftId);
    if (!draft) return reply(false, 'That draft no longer exists.');
    const draftDoc = new Y.Doc();
    try {
      try {
        Y.decodeUpdate(draft.state);
        Y.applyUpdate(draftDoc, draft.state);
      } catch (error) {
        this.options.log(`manuscript ${this.manuscriptId}: draft ${draftId} does not decode: ${(error as Error).message}`, { manuscriptId: this.manuscriptId, level: 'warn' });
        return reply(false, `“${draft.name}” could not be read, so nothing was changed. The other drafts are unaffected.`);
      }
      // Loaded on first restore: it brings the editor schema, which the collab server needs for nothing else.
      const { restoreDraftInto } = await import('../../lib/drafts/restore');
      await this.checkpointNow(`Before restoring “${draft.name}”`);
      const { error } = this.changeAndStore(() => restoreDraftInto(this.doc, draftDoc, 'restore'), connection);
      await this.lastAppend;
      if (this.failed) return;
      if (error) return reply(false, `The restore stopped part-way (${(error as Error).message}); what changed is saved.`);
      this.options.log(`manuscript ${this.manuscriptId}: ${connection.identity.user.name} restored a draft`, { manuscriptId: this.manuscriptId, userId: connection.identity.user.id });
      this.options.onDraftRestored?.({ manuscriptId: this.manuscriptId, actorId: connection.identity.user.id, draftName: draft.name });
      reply(true, `Restored “${draft.name}”.`);
      // Co-authors' text just changed under them: tell them who did it and where the undo is.
      const restoredBy = connection.identity.user.name;
      const notice = encodeRestoreResult({ ok: true, message: `${restoredBy} restored “${draft.name}” — Undo is in History.`, restoredBy, draftName: draft.name });
      this.broadcast(notice, connection.socket);
      this.fanOut({ kind: 'broadcast', frame: notice });
    } finally {
      draftDoc.destroy();
    }
  }

  private async compactNow(): Promise<void> {
    if (this.appendsSinceCompaction === 0) return;
    this.compacting = true;
    const folding = this.appendsSinceCompaction;
    try {
      await this.lastAppend;
      await this.storage.documents.compact(this.manuscriptId);
      this.appendsSinceCompaction -= folding;
    } finally {
      this.compacting = false;
    }
  }

  private readonly broadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    const connection = origin as Connection | null;
    if (connection && this.connections.get(connection.socket) === connection) {
      for (const id of removed) connection.awarenessIds.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.broadcast(encodeAwareness(update));
    if (!(origin as RemoteOrigin | null)?.remote) this.fanOut({ kind: 'awareness', update });
  };

  /** What another collab instance published for this manuscript: applied and relayed to this room's sockets. */
  applyRemote(message: FanoutMessage, from: string): void {
    if (this.failed) return;
    const origin: RemoteOrigin = { remote: from };
    try {
      switch (message.kind) {
        case 'update':
          return this.applyWithoutStoring(message.update, origin);
        case 'awareness': {
          let ids = this.remoteAwareness.get(from);
          if (!ids) this.remoteAwareness.set(from, (ids = new Set()));
          for (const { clientId, removed } of awarenessEntries(message.update)) {
            if (removed) ids.delete(clientId);
            else ids.add(clientId);
          }
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, origin);
          return;
        }
        case 'broadcast':
          return this.broadcast(message.frame);
        case 'awareness-query': {
          const states = this.awareness.getStates();
          const local = [...this.connections.values()].flatMap((connection) => [...connection.awarenessIds].filter((id) => states.has(id)));
          if (local.length > 0) this.fanOut({ kind: 'awareness', update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, local) });
          return;
        }
      }
    } catch (error) {
      this.options.log(`manuscript ${this.manuscriptId}: dropped a message from instance ${from}: ${(error as Error).message}`, { manuscriptId: this.manuscriptId, instanceId: from, level: 'warn' });
    }
  }

  /** Re-applies stored rows (after a fan-out gap); what this room already holds changes nothing. */
  applyStored(rows: readonly { bytes: Uint8Array }[]): void {
    for (const row of rows) {
      try {
        this.applyWithoutStoring(row.bytes, { remote: 'store' });
      } catch (error) {
        this.options.log(`manuscript ${this.manuscriptId}: resync skipped a row: ${(error as Error).message}`, { manuscriptId: this.manuscriptId, level: 'warn' });
      }
    }
  }

  /** Another instance died: its writers' carets and presence go. */
  dropInstance(instanceId: string): void {
    const ids = this.remoteAwareness.get(instanceId);
    this.remoteAwareness.delete(instanceId);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], { remote: instanceId } satisfies RemoteOrigin);
  }

  private applyWithoutStoring(update: Uint8Array, origin: RemoteOrigin): void {
    const integrated: Uint8Array[] = [];
    const capture = (bytes: Uint8Array) => integrated.push(bytes);
    this.doc.on('update', capture);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.off('update', capture);
    }
    if (integrated.length > 0) this.broadcast(encodeSyncUpdate(integrated.length === 1 ? integrated[0]! : Y.mergeUpdates(integrated)));
  }

  private broadcast(frame: Uint8Array, except?: SocketLike): void {
    for (const socket of this.connections.keys()) {
      if (socket !== except) this.send(socket, frame);
    }
  }

  private send(socket: SocketLike, frame: Uint8Array): void {
    if (socket.readyState === SOCKET_OPEN) socket.send(frame);
  }

  private reject(socket: SocketLike, code: CloseCode, detail: string): void {
    this.options.log(`manuscript ${this.manuscriptId}: closing a connection (${closeReason[code]}): ${detail}`, {
      manuscriptId: this.manuscriptId,
      userId: this.connections.get(socket)?.identity.user.id,
      code,
      level: 'warn',
    });
    socket.close(code, closeReason[code]);
    this.leave(socket);
  }

  /** Storage faults fail the room; anything else a frame caused closes its own connection only. */
  private onHandlerError(connection: Connection, error: unknown): void {
    if (error instanceof StorageFault) return this.fail(error);
    const code = error instanceof ClientFault ? error.code : CloseCode.InvalidMessage;
    this.reject(connection.socket, code, (error as Error).message ?? String(error));
  }

  /** Runs an async operation for a connection in the room's queue; its errors close that connection only. */
  private enqueueFor(connection: Connection, task: () => Promise<void>): void {
    void this.enqueue(task, (error) => this.onHandlerError(connection, error));
  }

  private enqueue(task: () => Promise<void>, onError: (error: unknown) => void = (error) => this.logError(error)): Promise<void> {
    const run = this.queue.then(() => (this.failed ? undefined : task())).catch(onError);
    this.queue = run;
    return run;
  }

  private logError(error: unknown): void {
    this.options.log(`manuscript ${this.manuscriptId}: ${(error as Error).message ?? String(error)}`, { manuscriptId: this.manuscriptId, level: 'error' });
  }

  /** Storage failed: drop every connection and let the room unload, so nothing unstored is ever acknowledged. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.options.log(`manuscript ${this.manuscriptId}: storage failure, unloading room: ${(error as Error).message}`, { manuscriptId: this.manuscriptId, level: 'error' });
    for (const socket of [...this.connections.keys()]) socket.close(CloseCode.StorageFailure, closeReason[CloseCode.StorageFailure]);
    this.connections.clear();
    this.onEmpty();
  }
}
