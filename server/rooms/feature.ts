import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { CloseCode } from '../../lib/collab/close-codes';
import type { ClientMessage } from '../../lib/collab/protocol';
import type { Identity } from '../auth/authenticate';
import type { FanoutMessage } from '../fanout/fanout';
import type { Log } from '../log';
import type { RoomStorage } from './room-storage';

// The seam between a room's sync core (room.ts) and its features (features/): all a feature may know of its room.

/** A connection as a feature sees it: who it is (its role changes in place when the member's role does). */
export interface Member {
  readonly identity: Identity;
}

/** Client messages a feature may answer: every one but sync, which is the core's. */
export type FeatureMessage = Exclude<ClientMessage, { type: 'sync-step-1' | 'sync-step-2' | 'sync-update' }>;

/** Handlers for client messages, by type; each type is answered by one feature only. */
export type MessageHandlers = { [K in FeatureMessage['type']]?: (member: Member, message: Extract<FeatureMessage, { type: K }>) => void };

/** What other collab instances tell a room: their messages, a resync from the store after a gap, or that one of them died. */
export type RemoteMessage = FanoutMessage | { kind: 'resync'; rows: readonly { bytes: Uint8Array }[] } | { kind: 'peer-gone' };

/** The origin of a change that came from another instance or the store: applied and relayed here, never stored or published again. */
export interface RemoteOrigin {
  remote: string;
}

/** Whether a client's update may be applied: `ignore` drops it quietly (it changes nothing); a refusal throws `ClientFault`. */
export type UpdateVerdict = 'apply' | 'ignore';

/** What a feature may use of its room. */
export interface RoomContext {
  readonly manuscriptId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly storage: RoomStorage;
  /** Logs a line about this manuscript, prefixed and tagged with its id. */
  readonly log: Log;
  /** True once storage has failed: the room is unloading and nothing more is stored. */
  readonly failed: boolean;
  /** True when other collab instances may hold this room too (fan-out is configured). */
  readonly clustered: boolean;
  send(member: Member, frame: Uint8Array): void;
  broadcast(frame: Uint8Array, except?: Member): void;
  /** Tells the other collab instances, when there are any. */
  fanOut(message: FanoutMessage): void;
  /** Runs `change` on the document; what integrates is relayed, stored under `editor`, and acknowledged like any update. Returns the change's error if it threw part-way. */
  changeAndStore(change: () => void, editor: Member): { error?: unknown };
  /** Applies an update that is already stored (another instance's, or the store's own rows) and relays what was new here. */
  applyStored(update: Uint8Array, origin: RemoteOrigin): void;
  /** Settles once every append made so far has committed (or the room has failed). */
  stored(): Promise<void>;
  /** Runs a task in the room's queue (one at a time, in arrival order); its errors are logged as server errors. */
  enqueue(task: () => Promise<void>): Promise<void>;
  /** Runs a member's request in the room's queue; a `ClientFault` closes that member, any other error is logged as the server's. */
  enqueueFor(member: Member, task: () => Promise<void>): void;
}

/**
 * One room feature: the hooks it needs, nothing more. A hook a feature leaves out costs nothing per
 * update. Features are listed, in the order their hooks run, in features/index.ts.
 */
export interface RoomFeature {
  /** Client messages this feature answers. */
  readonly messages?: MessageHandlers;
  /** A connection joined: it has been sent its role and sync step 1. */
  onJoin?(member: Member): void;
  /** Before a client's update is applied: whether it may be (throws `ClientFault` to refuse it and close the connection). */
  beforeUpdate?(member: Member, update: Uint8Array): UpdateVerdict;
  /** An update integrated, was relayed and handed to storage; `stored` settles when it commits and rejects if it failed. */
  afterStore?(editor: Member, update: Uint8Array, stored: Promise<void>): void;
  onLeave?(member: Member): void;
  /** Deferred work to do now: the room is about to unload (every connection has gone and every append has committed). */
  beforeUnload?(): Promise<void>;
  /** What another collab instance published for this manuscript, or a resync from the store. */
  onRemote?(message: RemoteMessage, from: string): void;
  /** The room is destroyed: drop listeners and memory. */
  dispose?(): void;
}

/** Builds one room's features from its context. */
export type RoomFeatures = (room: RoomContext) => readonly RoomFeature[];

/** A client's fault, met while handling its frame: it closes that connection only, with `code`. */
export class ClientFault extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}
