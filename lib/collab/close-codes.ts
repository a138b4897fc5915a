/**
 * WebSocket close codes the collab server uses, shared by server and client.
 * 4400–4499 are permanent (the stock WebsocketProvider stops reconnecting); 4500–4599 and 1012 are
 * transient (it reconnects with backoff). The client reads them to explain a disconnect.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; clients reconnect on their own. */
  ServiceRestart: 1012,
  /** This instance cannot hear the others right now (its message bus is down): reconnect shortly, perhaps elsewhere. */
  TryAgainLater: 1013,
  /** A frame exceeded the configured maximum size (set by `ws` itself). */
  MessageTooBig: 1009,
  /** A frame could not be decoded as a y-websocket message. */
  InvalidMessage: 4400,
  /** The connection did not identify itself. */
  Unauthorized: 4401,
  /** The identity has no access to this manuscript. */
  Forbidden: 4403,
  /** The room name is not a valid manuscript room, or the manuscript does not exist. */
  NotFound: 4404,
  /** The page speaks an older protocol than this server: reloading the page fixes it. */
  ProtocolOutdated: 4426,
  /** The connection sent frames far faster than anyone types: a flood. */
  TooManyMessages: 4408,
  /** This writer has too many connections open at once (tabs, devices). */
  TooManyConnections: 4429,
  /** A commenter's change was more than their own suggestions (plain text, another's words or marks); nothing of it was kept. */
  SuggestionRefused: 4422,
  /** The manuscript's stored history failed to decode; it is quarantined until an operator looks. */
  Quarantined: 4423,
  /** Storing an update failed; the room was unloaded so nothing unstored is served. */
  StorageFailure: 4500,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** A plain-words reason for each code, for logs and the writer's status line. */
export const closeReason: Record<CloseCode, string> = {
  [CloseCode.ServiceRestart]: 'server restarting',
  [CloseCode.TryAgainLater]: 'server busy: reconnecting',
  [CloseCode.MessageTooBig]: 'this change is too large to save: undo part of it',
  [CloseCode.InvalidMessage]: 'invalid message',
  [CloseCode.Unauthorized]: 'not signed in',
  [CloseCode.Forbidden]: 'no access to this manuscript',
  [CloseCode.NotFound]: 'manuscript not found',
  [CloseCode.ProtocolOutdated]: 'Scriptorium was updated: reload the page',
  [CloseCode.TooManyMessages]: 'too many messages',
  [CloseCode.TooManyConnections]: 'too many open connections for this account',
  [CloseCode.SuggestionRefused]: 'a commenter can only suggest changes: that change was not saved, reload the page',
  [CloseCode.Quarantined]: 'manuscript quarantined: its stored history could not be read',
  [CloseCode.StorageFailure]: 'storage failure',
};
