/** The little of a WebSocket that rooms need, so tests can hand them a fake. */
export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** 1 while open, as in the WebSocket spec. */
  readonly readyState: number;
}

export const SOCKET_OPEN = 1;
