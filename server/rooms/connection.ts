import type { Identity } from '../auth/authenticate';
import { FrameBudget } from '../protocol/frame-budget';
import { SOCKET_OPEN, type SocketLike } from '../protocol/socket';
import { Acknowledgements } from './acknowledgements';
import type { Member } from './feature';
import type { PendingSender } from './pending-updates';

/** One socket in a room: who it is, its frame budget, and what it is owed (acknowledgements) or charged (pending updates). */
export interface Connection extends Member, PendingSender {
  readonly socket: SocketLike;
  identity: Identity;
  readonly budget: FrameBudget;
  readonly acks: Acknowledgements;
}

export function createConnection(socket: SocketLike, identity: Identity, limits: { framesPerSecond: number; frameBurst: number }): Connection {
  return { socket, identity, budget: new FrameBudget(limits.framesPerSecond, limits.frameBurst), pendingSince: null, acks: new Acknowledgements() };
}

/** Sends a frame if the socket is still open (a closing socket's frames are dropped, not queued). */
export function sendTo(connection: Connection, frame: Uint8Array): void {
  if (connection.socket.readyState === SOCKET_OPEN) connection.socket.send(frame);
}
