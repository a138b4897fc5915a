import * as decoding from 'lib0/decoding';
import { MessageType } from '../../lib/collab/message-types';
import { SOCKET_OPEN, type SocketLike } from '../protocol/socket';

/** A SocketLike that records what the server sends, for room unit tests. */
export class FakeSocket implements SocketLike {
  readonly sent: Uint8Array[] = [];
  readyState = SOCKET_OPEN;
  closedWith: { code: number; reason: string } | null = null;

  send(data: Uint8Array): void {
    this.sent.push(data.slice());
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  /** The message types sent so far, in order (e.g. 0 sync, 1 awareness, 100 stored). */
  messageTypes(): number[] {
    return this.sent.map((frame) => decoding.readVarUint(decoding.createDecoder(frame)));
  }

  storedAcks(): Uint8Array[] {
    return this.sent.filter((frame) => frame[0] === MessageType.Stored);
  }
}
