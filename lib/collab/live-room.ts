import { WebSocket as WebSocketPolyfill } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { commentEventSchema, encodeCommentOp, type CommentEvent, type CommentOpInput } from './comment-messages';
import type { Env } from '../config/env';
import { closeReason, type CloseCode } from './close-codes';
import { MessageType } from './message-types';
import { onServerMessage, PROTOCOL_VERSION } from './protocol';
import { formatRoomName } from './room-name';
import { trackSaves } from './save-tracker';

/** The room as a server-side job sees it: the live document, and comment operations answered by the room. */
export interface LiveRoom {
  doc: Y.Doc;
  /** Sends a comment operation and resolves with the room's answer (`done` or `refused`). */
  comment(op: CommentRequest): Promise<Extract<CommentEvent, { kind: 'done' | 'refused' }>>;
}

/** A comment operation without its request id (the room session numbers them). */
export type CommentRequest = CommentOpInput extends infer Op ? (Op extends { requestId: string } ? Omit<Op, 'requestId'> : never) : never;

/** The collab address a server-side job uses: COLLAB_INTERNAL_URL, else the public one, else collab on this machine. */
export function collabUrlForJobs(env: Pick<Env, 'COLLAB_INTERNAL_URL' | 'COLLAB_PUBLIC_URL' | 'COLLAB_PORT'>): string {
  return env.COLLAB_INTERNAL_URL ?? env.COLLAB_PUBLIC_URL ?? `ws://127.0.0.1:${env.COLLAB_PORT}`;
}

export class LiveRoomError extends Error {
  override name = 'LiveRoomError';
}

export interface LiveRoomOptions {
  /** The collab server's WebSocket URL as this process reaches it (COLLAB_INTERNAL_URL). */
  url: string;
  manuscriptId: string;
  /** A collab token signed for the writer on whose behalf the job runs: the room checks their role itself. */
  token: string;
  /** How long to wait for the room, for the document, and for each acknowledgement. */
  timeoutMs?: number;
}

const poll = async (check: () => boolean, deadline: number, failure: () => Error | null, what: string) => {
  while (!check()) {
    const failed = failure();
    if (failed) throw failed;
    if (Date.now() > deadline) throw new LiveRoomError(`The collaboration server did not answer in time (${what}).`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Joins a manuscript's live room as its writer would (a stock y-websocket client with a signed token),
 * waits until it holds the live document, runs `work` on it, then waits until the server has stored
 * every change the job made. Co-authors see the changes as they are relayed; nothing is reported done
 * before it is stored.
 */
export async function withLiveRoom<T>(options: LiveRoomOptions, work: (room: LiveRoom) => Promise<T> | T): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(options.url, formatRoomName(options.manuscriptId), doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: false,
    params: { token: options.token, v: String(PROTOCOL_VERSION) },
    // A job connects once; a dropped connection fails it rather than retrying behind the writer's back.
    shouldReconnect: () => false,
  });
  let closed: Error | null = null;
  provider.on('connection-close', (event: CloseEvent | null) => {
    const code = event?.code as CloseCode | undefined;
    closed ??= new LiveRoomError(`The collaboration server closed the connection${code && closeReason[code] ? `: ${closeReason[code]}` : ''}.`);
  });
  provider.on('connection-error', () => {
    closed ??= new LiveRoomError('The collaboration server could not be reached; is Scriptorium’s collab process running?');
  });
  const saves = trackSaves(provider, doc);
  const answers = new Map<string, (event: Extract<CommentEvent, { kind: 'done' | 'refused' }>) => void>();
  provider.messageHandlers[MessageType.Role] = () => {};
  provider.messageHandlers[MessageType.RestoreResult] = () => {};
  onServerMessage(provider as unknown as Parameters<typeof onServerMessage>[0], MessageType.CommentEvent, 'comment-event', ({ payload }) => {
    const parsed = commentEventSchema.safeParse(payload);
    if (parsed.success && (parsed.data.kind === 'done' || parsed.data.kind === 'refused')) answers.get(parsed.data.requestId)?.(parsed.data);
  });
  let requests = 0;
  const room: LiveRoom = {
    doc,
    async comment(op) {
      const requestId = `job${(requests += 1)}`;
      let answer: Extract<CommentEvent, { kind: 'done' | 'refused' }> | null = null;
      answers.set(requestId, (event) => (answer = event));
      provider.ws?.send(encodeCommentOp({ ...op, requestId } as CommentOpInput));
      try {
        await poll(() => answer !== null, Date.now() + timeoutMs, () => closed, 'comments');
      } finally {
        answers.delete(requestId);
      }
      return answer!;
    },
  };
  try {
    provider.connect();
    await poll(() => provider.synced, Date.now() + timeoutMs, () => closed, 'opening the manuscript');
    const result = await work(room);
    await poll(() => !saves.hasUnstoredChanges(), Date.now() + timeoutMs, () => closed, 'saving');
    return result;
  } finally {
    saves.destroy();
    provider.destroy();
    doc.destroy();
  }
}
