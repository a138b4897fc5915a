import { WebSocket as WebSocketPolyfill } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../lib/collab/message-types';
import { PROTOCOL_VERSION } from '../../lib/collab/protocol';
import { shouldReconnectAfter } from '../../lib/collab/reconnect';
import { formatRoomName } from '../../lib/collab/room-name';
import { trackSaves, type SaveTracker } from '../../lib/collab/save-tracker';

export interface HeadlessClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
  text(): string;
  type(chars: string): void;
  destroy(): void;
}

/** A stock WebsocketProvider in Node, as a browser would use it, for integration tests. */
export function connectHeadlessClient(url: string, manuscriptId: string, token: string): HeadlessClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, formatRoomName(manuscriptId), doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: false,
    params: { token, v: String(PROTOCOL_VERSION) },
    maxBackoffTime: 300,
    shouldReconnect: shouldReconnectAfter,
  });
  const saves = trackSaves(provider, doc);
  // The server's own messages this client does not act on (role, restore results, comment events) are read and dropped.
  for (const type of [MessageType.Role, MessageType.RestoreResult, MessageType.CommentEvent]) provider.messageHandlers[type] ??= () => {};
  provider.connect();
  const text = doc.getText('t');
  return {
    doc,
    provider,
    saves,
    text: () => text.toString(),
    type(chars) {
      for (const char of chars) text.insert(text.length, char);
    },
    destroy() {
      saves.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` holds, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
