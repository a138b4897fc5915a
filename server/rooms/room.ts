import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, closeReason } from '../../lib/collab/close-codes';
import { decodeClientMessage, encodeRole, encodeStored, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '../../lib/collab/protocol';
import type { Identity, Role } from '../auth/authenticate';
import type { FanoutMessage } from '../fanout/fanout';
import type { Log } from '../log';
import type { SocketLike } from '../protocol/socket';
import { ChangeCapture } from './capture';
import { createConnection, sendTo, type Connection } from './connection';
import { ClientFault, type RemoteMessage, type RemoteOrigin, type RoomContext } from './feature';
import { FeatureHooks } from './feature-hooks';
import { PendingUpdates } from './pending-updates';
import { DEFAULT_ROOM_LIMITS, type RoomLimits, type RoomOptions } from './room-options';
import type { RoomStorage } from './room-storage';

/** Storage failed: nothing more may be acknowledged in this room. */
class StorageFault extends Error {}

/**
 * One loaded manuscript: the sync core (join, receive, store, acknowledge, relay, leave) and the
 * features it is built from (comments, draft restore, awareness…), reached through their hooks.
 *
 * Write path: an update is applied and relayed to the room's other connections at once, appended
 * to the group-committed log, and acknowledged to its sender (`stored`) only after that commit.
 * A frame that is malformed or refused closes its own connection only; only a storage failure
 * closes the room.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly connections = new Map<SocketLike, Connection>();
  private readonly limits: RoomLimits;
  private readonly capture = new ChangeCapture(this.doc);
  private readonly pending: PendingUpdates;
  private readonly hooks: FeatureHooks;
  /** Feature requests run one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  /** Settles once every append made so far has committed (or the room has failed). */
  private lastAppend: Promise<void> = Promise.resolve();
  private failed = false;
  /** Called when the last connection leaves or the room fails. */
  onEmpty: () => void = () => {};

  constructor(
    readonly manuscriptId: string,
    private readonly storage: RoomStorage,
    private readonly options: RoomOptions,
    /** Tells the other collab instances, when there are any. */
    fanOut?: (message: FanoutMessage) => void,
  ) {
    this.limits = { ...DEFAULT_ROOM_LIMITS, ...options.limits };
    this.pending = new PendingUpdates(this.doc, this.limits);
    this.awareness.setLocalState(null);
    this.hooks = new FeatureHooks(options.features(this.context(fanOut)));
  }

  get size(): number {
    return this.connections.size;
  }

  get hasFailed(): boolean {
    return this.failed;
  }

  join(socket: SocketLike, identity: Identity): void {
    if (this.failed) return socket.close(CloseCode.StorageFailure, closeReason[CloseCode.StorageFailure]);
    const connection = createConnection(socket, identity, this.limits);
    this.connections.set(socket, connection);
    sendTo(connection, encodeRole(identity.role));
    sendTo(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    for (const feature of this.hooks.onJoin) feature.onJoin(connection);
  }

  /** Decodes and handles one frame; anything wrong with it closes this connection only. */
  receive(socket: SocketLike, frame: Uint8Array): void {
    const connection = this.connections.get(socket);
    if (!connection || this.failed) return;
    if (!connection.budget.take()) return this.reject(connection, CloseCode.TooManyMessages, 'frame budget exhausted');
    try {
      const message = decodeClientMessage(frame);
      switch (message.type) {
        case 'sync-step-1':
          return this.syncStep1(connection, message.stateVector);
        case 'sync-step-2':
        case 'sync-update':
          for (const guard of this.hooks.beforeUpdate) if (guard.beforeUpdate(connection, message.update) === 'ignore') return;
          return this.applyClientUpdate(connection, message.update);
        default:
          return this.hooks.dispatch(connection, message);
      }
    } catch (error) {
      if (error instanceof StorageFault) return this.fail(error);
      this.reject(connection, error instanceof ClientFault ? error.code : CloseCode.InvalidMessage, (error as Error).message ?? String(error));
    }
  }

  leave(socket: SocketLike): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    this.pending.release(connection);
    for (const feature of this.hooks.onLeave) feature.onLeave(connection);
    if (this.connections.size === 0) this.onEmpty();
  }

  /** For a connection that was admitted to the room but never joined: lets an empty room unload. */
  releaseIfEmpty(): void {
    if (this.connections.size === 0) this.onEmpty();
  }

  /** Applies the members' current roles: a removed member is disconnected, a changed role takes effect at once and is told to the client. */
  applyRoles(roles: Map<string, Role>): void {
    for (const connection of [...this.connections.values()]) {
      const role = roles.get(connection.identity.user.id);
      if (!role) {
        this.reject(connection, CloseCode.Forbidden, `access removed for ${connection.identity.user.id}`);
      } else if (role !== connection.identity.role) {
        connection.identity = { ...connection.identity, role };
        sendTo(connection, encodeRole(role));
      }
    }
  }

  /** What another collab instance published for this manuscript, or a resync from the store: handed to the features. */
  applyRemote(message: RemoteMessage, from: string): void {
    if (this.failed) return;
    for (const feature of this.hooks.onRemote) {
      try {
        feature.onRemote(message, from);
      } catch (error) {
        this.log(`dropped a message from instance ${from}: ${(error as Error).message}`, { instanceId: from, level: 'warn' });
      }
    }
  }

  /** Resolves once every frame received so far has been handled and every append committed. */
  async flush(): Promise<void> {
    await this.queue;
    await this.storage.documents.flush();
    await this.lastAppend;
  }

  /** Runs the features' deferred work now (a checkpoint if anyone wrote, a fold of the log), in list order. */
  async beforeUnload(): Promise<void> {
    for (const feature of this.hooks.beforeUnload) await feature.beforeUnload();
  }

  closeAll(code: CloseCode): void {
    for (const socket of [...this.connections.keys()]) {
      socket.close(code, closeReason[code]);
      this.leave(socket);
    }
  }

  destroy(): void {
    for (const feature of this.hooks.dispose) feature.dispose();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Sends what the connection lacks, then, once the appends made so far commit, that what it now holds from us is stored. */
  private syncStep1(connection: Connection, stateVector: Uint8Array): void {
    sendTo(connection, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
    const held = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    void this.lastAppend.then(() => sendTo(connection, encodeStored(held)));
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    const pendingBefore = this.pending.bytes();
    const { error } = this.changeAndStore(() => Y.applyUpdate(this.doc, update, connection), connection, connection);
    if (error) throw new ClientFault(CloseCode.InvalidMessage, `update failed to apply: ${(error as Error).message}`);
    const refusal = this.pending.charge(connection, pendingBefore);
    if (refusal) throw new ClientFault(CloseCode.InvalidMessage, refusal);
    const ticket = connection.acks.note(this.doc, update);
    void this.lastAppend.then(() => {
      const stored = this.failed ? null : connection.acks.take(ticket);
      if (stored) sendTo(connection, stored);
    });
  }

  /**
   * Runs `change` on the document; whatever integrated is relayed to the other connections at
   * once and appended to the log. The one path by which the live document changes. Returns the
   * change's error, if it threw part-way: what did integrate is stored all the same.
   */
  private changeAndStore(change: () => void, editor: Connection, except?: Connection): { error?: unknown } {
    const captured = this.capture.run(change);
    if (captured.update === null) return captured;
    const update = captured.update;
    this.broadcast(encodeSyncUpdate(update), except);
    const stored = this.storage.documents.append(this.manuscriptId, update, editor.identity.user.id);
    this.lastAppend = stored.catch((cause: unknown) => this.fail(new StorageFault((cause as Error).message)));
    for (const feature of this.hooks.afterStore) feature.afterStore(editor, update, stored);
    return captured;
  }

  /** An update already stored elsewhere: applied, and what was new here relayed to this room's sockets. */
  private applyStored(update: Uint8Array, origin: RemoteOrigin): void {
    const captured = this.capture.run(() => Y.applyUpdate(this.doc, update, origin));
    if (captured.error !== undefined) throw captured.error;
    if (captured.update !== null) this.broadcast(encodeSyncUpdate(captured.update));
  }

  /** The room as its features see it. */
  private context(fanOut: ((message: FanoutMessage) => void) | undefined): RoomContext {
    const hasFailed = () => this.failed;
    return {
      manuscriptId: this.manuscriptId,
      doc: this.doc,
      awareness: this.awareness,
      storage: this.storage,
      log: (line, fields) => this.log(line, fields),
      get failed() {
        return hasFailed();
      },
      clustered: fanOut !== undefined,
      send: (member, frame) => sendTo(member as Connection, frame),
      broadcast: (frame, except) => this.broadcast(frame, except as Connection | undefined),
      fanOut: fanOut ?? (() => {}),
      changeAndStore: (change, editor) => this.changeAndStore(change, editor as Connection),
      applyStored: (update, origin) => this.applyStored(update, origin),
      stored: () => this.lastAppend,
      enqueue: (task) => this.enqueue(task, (error) => this.log((error as Error).message ?? String(error), { level: 'error' })),
      enqueueFor: (member, task) => void this.enqueue(task, (error) => this.onTaskError(member as Connection, error)),
    };
  }

  private broadcast(frame: Uint8Array, except?: Connection): void {
    for (const connection of this.connections.values()) {
      if (connection !== except) sendTo(connection, frame);
    }
  }

  private reject(connection: Connection, code: CloseCode, detail: string): void {
    this.log(`closing a connection (${closeReason[code]}): ${detail}`, { userId: connection.identity.user.id, code, level: 'warn' });
    connection.socket.close(code, closeReason[code]);
    this.leave(connection.socket);
  }

  /** A member's request failed: its own fault closes it; the server's is logged and left to the feature to answer. */
  private onTaskError(connection: Connection, error: unknown): void {
    if (error instanceof StorageFault) return this.fail(error);
    if (error instanceof ClientFault) return this.reject(connection, error.code, error.message);
    this.log(`a ${connection.identity.role}'s request failed: ${(error as Error).message ?? String(error)}`, { userId: connection.identity.user.id, level: 'error' });
  }

  private enqueue(task: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    const run = this.queue.then(() => (this.failed ? undefined : task())).catch(onError);
    this.queue = run;
    return run;
  }

  private log(line: string, fields: Parameters<Log>[1] = {}): void {
    this.options.log(`manuscript ${this.manuscriptId}: ${line}`, { manuscriptId: this.manuscriptId, ...fields });
  }

  /** Storage failed: drop every connection and let the room unload, so nothing unstored is ever acknowledged. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.log(`storage failure, unloading room: ${(error as Error).message}`, { level: 'error' });
    for (const socket of [...this.connections.keys()]) socket.close(CloseCode.StorageFailure, closeReason[CloseCode.StorageFailure]);
    this.connections.clear();
    this.onEmpty();
  }
}
