import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
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
  ProtocolError,
  type ClientMessage,
} from '../../lib/collab/protocol';
import { restoreDraftInto } from '../../lib/drafts/restore';
import { countManuscriptWords } from '../../lib/manuscript/word-count';
import { canWrite } from '../../lib/access/roles';
import type { Identity, Role } from '../auth/authenticate';
import { encodeCommentEvent } from '../../lib/comments/protocol';
import type { CommentService } from '../comments/comment-service';
import type { Persistence } from '../persistence/persistence';
import { stampAwarenessUpdate } from '../protocol/awareness-stamp';
import { SOCKET_OPEN, type SocketLike } from '../transport/socket';

export interface RoomOptions {
  /** Stored updates after which the log is folded into one snapshot row. */
  compactEveryUpdates: number;
  /** While people write, an automatic checkpoint is kept at most this often. */
  checkpointIntervalMs: number;
  /** Comment threads, stored and authorised per operation; absent in tests that need none. */
  comments?: CommentService;
  log: (line: string) => void;
}

interface Connection {
  socket: SocketLike;
  identity: Identity;
  /** Awareness client ids this connection announced, removed when it leaves. */
  awarenessIds: Set<number>;
}

/**
 * One loaded manuscript: its Y.Doc, awareness and connections. Every frame is handled in arrival
 * order on one queue, and an update is appended to storage before it is broadcast or acknowledged.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly connections = new Map<SocketLike, Connection>();
  private queue: Promise<void> = Promise.resolve();
  private updatesSinceCompaction = 0;
  /** Who changed the text since the last checkpoint, by name. */
  private readonly changedBy = new Set<string>();
  private lastCheckpointAt = Date.now();
  private failed = false;
  /** Called when the last connection leaves or the room fails. */
  onEmpty: () => void = () => {};

  constructor(
    readonly manuscriptId: string,
    private readonly persistence: Persistence,
    private lastSeq: number,
    private readonly options: RoomOptions,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.broadcastAwareness);
  }

  get size(): number {
    return this.connections.size;
  }

  join(socket: SocketLike, identity: Identity): void {
    this.connections.set(socket, { socket, identity, awarenessIds: new Set() });
    this.enqueue(async () => {
      this.send(socket, encodeRole(identity.role));
      this.send(socket, encodeSyncStep1(Y.encodeStateVector(this.doc)));
      if (this.options.comments) {
        this.send(socket, encodeCommentEvent({ kind: 'threads', threads: await this.options.comments.threads(this.manuscriptId), replace: true }));
      }
      const states = this.awareness.getStates();
      if (states.size > 0) {
        this.send(socket, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
      }
    });
  }

  /** Decodes and handles one frame; a malformed frame closes this connection only. */
  receive(socket: SocketLike, frame: Uint8Array): void {
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      this.reject(socket, CloseCode.InvalidMessage, (error as Error).message);
      return;
    }
    this.enqueue(() => this.handle(socket, message));
  }

  leave(socket: SocketLike): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
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

  /** Resolves once every frame received so far has been handled. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Keeps a checkpoint of the current state if anyone wrote since the last one (used on unload). */
  checkpoint(): Promise<void> {
    return this.enqueue(async () => {
      if (this.changedBy.size > 0) await this.checkpointNow('Automatic checkpoint');
    });
  }

  /** Folds the update log into one snapshot row, if anything was appended since the last fold. */
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
    this.doc.destroy();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.failed ? undefined : task()));
    this.queue = run.catch((error: unknown) => this.fail(error));
    return this.queue;
  }

  private async handle(socket: SocketLike, message: ClientMessage): Promise<void> {
    const connection = this.connections.get(socket);
    if (!connection) return;
    switch (message.type) {
      case 'sync-step-1':
        this.send(socket, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        if (canWrite(connection.identity.role)) this.acknowledge(socket);
        return;
      case 'sync-step-2':
      case 'sync-update':
        if (!canWrite(connection.identity.role)) {
          // A reader's client answers sync with an update that holds nothing new; anything more is refused.
          if (!this.changesNothing(message.update)) {
            this.reject(socket, CloseCode.Forbidden, 'read-only connection sent a change');
          }
          return;
        }
        await this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update);
        return;
      case 'comment': {
        if (!this.options.comments) return;
        const outcome = await this.options.comments.handle(this.manuscriptId, connection.identity, message.payload);
        this.send(socket, encodeCommentEvent(outcome.reply));
        if (outcome.broadcast) this.broadcast(encodeCommentEvent(outcome.broadcast));
        return;
      }
      case 'restore-draft':
        await this.restoreDraft(connection, message.draftId);
        return;
      case 'query-awareness':
        this.send(
          socket,
          encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])),
        );
        return;
    }
  }

  private async applyClientUpdate(connection: Connection, update: Uint8Array): Promise<void> {
    const applyError = await this.changeAndStore(() => Y.applyUpdate(this.doc, update, connection), connection, connection.socket);
    if (applyError) {
      this.reject(connection.socket, CloseCode.InvalidMessage, `update failed to apply: ${(applyError as Error).message}`);
      return;
    }
    this.acknowledge(connection.socket);
    if (Date.now() - this.lastCheckpointAt >= this.options.checkpointIntervalMs && this.changedBy.size > 0) await this.checkpointNow('Automatic checkpoint');
    if (this.updatesSinceCompaction >= this.options.compactEveryUpdates) await this.compactNow();
  }

  /**
   * Runs `change` on the document and stores whatever integrated before anyone else sees it; the
   * one path by which the live document changes. Returns the change's error, if it threw part-way:
   * what did integrate is stored all the same, so memory never runs ahead of disk.
   */
  private async changeAndStore(change: () => void, editor: Connection, except?: SocketLike): Promise<unknown> {
    const integrated: Uint8Array[] = [];
    const capture = (bytes: Uint8Array) => integrated.push(bytes);
    let changeError: unknown;
    this.doc.on('update', capture);
    try {
      change();
    } catch (error) {
      changeError = error;
    } finally {
      this.doc.off('update', capture);
    }
    if (integrated.length > 0) {
      const stored = integrated.length === 1 ? integrated[0]! : Y.mergeUpdates(integrated);
      this.lastSeq = await this.persistence.append(this.manuscriptId, stored, editor.identity.user.id);
      this.updatesSinceCompaction += 1;
      this.changedBy.add(editor.identity.user.name);
      this.broadcast(encodeSyncUpdate(stored), except);
    }
    return changeError;
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
    try {
      const stamped = stampAwarenessUpdate(update, connection.identity.user, (id) => !ownedElsewhere.has(id));
      for (const id of stamped.clientIds) connection.awarenessIds.add(id);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, connection);
    } catch (error) {
      this.reject(connection.socket, CloseCode.InvalidMessage, `bad awareness update: ${(error as Error).message}`);
    }
  }

  private async checkpointNow(name: string): Promise<void> {
    await this.persistence.saveCheckpoint(this.manuscriptId, {
      name,
      state: Y.encodeStateAsUpdate(this.doc),
      wordCount: countManuscriptWords(this.doc),
      changedBy: [...this.changedBy],
    });
    this.changedBy.clear();
    this.lastCheckpointAt = Date.now();
  }

  /**
   * Restores a saved draft as one transaction in the live document, stored before it is broadcast
   * like any update. The state just before is kept as a checkpoint, so a restore can be undone.
   */
  private async restoreDraft(connection: Connection, draftId: string): Promise<void> {
    const reply = (ok: boolean, message: string) => this.send(connection.socket, encodeRestoreResult({ ok, message }));
    if (!canWrite(connection.identity.role)) return reply(false, 'Only editors and the owner can restore a draft.');
    const draft = await this.persistence.loadDraft(this.manuscriptId, draftId);
    if (!draft) return reply(false, 'That draft no longer exists.');
    const draftDoc = new Y.Doc();
    try {
      Y.applyUpdate(draftDoc, draft.state);
      await this.checkpointNow(`Before restoring “${draft.name}”`);
      const restoreError = await this.changeAndStore(() => restoreDraftInto(this.doc, draftDoc, 'restore'), connection);
      if (restoreError) return reply(false, `The restore stopped part-way (${(restoreError as Error).message}); what changed is saved.`);
      this.options.log(`manuscript ${this.manuscriptId}: ${connection.identity.user.name} restored “${draft.name}”`);
      reply(true, `Restored “${draft.name}”.`);
    } finally {
      draftDoc.destroy();
    }
  }

  private async compactNow(): Promise<void> {
    if (this.updatesSinceCompaction === 0) return;
    await this.persistence.compact(this.manuscriptId, Y.encodeStateAsUpdate(this.doc), this.lastSeq, countManuscriptWords(this.doc));
    this.updatesSinceCompaction = 0;
  }

  private acknowledge(socket: SocketLike): void {
    this.send(socket, encodeStored(Y.encodeStateVector(this.doc)));
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
    this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };

  private broadcast(frame: Uint8Array, except?: SocketLike): void {
    for (const socket of this.connections.keys()) {
      if (socket !== except) this.send(socket, frame);
    }
  }

  private send(socket: SocketLike, frame: Uint8Array): void {
    if (socket.readyState === SOCKET_OPEN) socket.send(frame);
  }

  private reject(socket: SocketLike, code: CloseCode, detail: string): void {
    this.options.log(`manuscript ${this.manuscriptId}: closing a connection (${closeReason[code]}): ${detail}`);
    socket.close(code, closeReason[code]);
    this.leave(socket);
  }

  /** Storage failed: drop every connection and let the room unload, so nothing unstored is ever served. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.options.log(`manuscript ${this.manuscriptId}: storage failure, unloading room: ${(error as Error).message}`);
    for (const socket of [...this.connections.keys()]) socket.close(CloseCode.StorageFailure, closeReason[CloseCode.StorageFailure]);
    this.connections.clear();
    this.onEmpty();
  }

  get hasFailed(): boolean {
    return this.failed;
  }
}
