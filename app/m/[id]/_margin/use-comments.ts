'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '@/lib/collab/message-types';
import { onServerMessage } from '@/lib/collab/protocol';
import { applyCommentEvent, commentEventSchema, encodeCommentOp, type CommentOpInput } from '@/lib/comments/protocol';
import type { Role } from '@/lib/domain/roles';
import type { CommentThreadView } from '@/lib/comments/protocol';
import type { Mentionable } from './mention-textarea';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type CommentRequest = DistributiveOmit<CommentOpInput, 'requestId'>;

/** What every comment view needs: who is looking, in which role, whom they can mention, how to act. */
export interface CommentContext {
  myId: string;
  role: Role;
  members: Mentionable[];
  send: (op: CommentRequest) => Promise<string | null>;
  /** The thread emphasised in both the margin and the text. */
  activeId: string | null;
  setActiveId: (id: string | null) => void;
  /** Thread id → co-authors typing a reply there now. */
  typing: Map<string, string[]>;
  setTyping: (threadId: string | null) => void;
  /** The owner's way to share the manuscript with someone they mentioned; absent for everyone else. */
  offerShare?: () => void;
}

export interface CommentsApi {
  threads: CommentThreadView[];
  /** Sends an operation; resolves with null when done, or the server's reason for refusing. */
  send: (op: CommentRequest) => Promise<string | null>;
}

let counter = 0;

/** The manuscript's comment threads, kept live over the collab socket. */
export function useComments(provider: WebsocketProvider | null): CommentsApi {
  const [threads, setThreads] = useState<CommentThreadView[]>([]);
  const pending = useRef(new Map<string, (refusal: string | null) => void>());

  useEffect(() => {
    if (!provider) return;
    onServerMessage(provider as unknown as Parameters<typeof onServerMessage>[0], MessageType.CommentEvent, 'comment-event', ({ payload }) => {
      // Every server payload is validated; a malformed one is dropped rather than trusted.
      const parsed = commentEventSchema.safeParse(payload);
      if (!parsed.success) return;
      const event = parsed.data;
      if (event.kind === 'done' || event.kind === 'refused') {
        pending.current.get(event.requestId)?.(event.kind === 'refused' ? event.message : null);
        pending.current.delete(event.requestId);
      } else setThreads((current) => applyCommentEvent(current, event));
    });
  }, [provider]);

  const send = useCallback(
    (op: CommentRequest) =>
      new Promise<string | null>((resolve) => {
        const socket = provider?.ws;
        if (!provider?.wsconnected || !socket || socket.readyState !== socket.OPEN) return resolve('You are offline: comments need a connection.');
        const requestId = `r${Date.now().toString(36)}${(counter += 1)}`;
        pending.current.set(requestId, resolve);
        socket.send(encodeCommentOp({ ...op, requestId } as CommentOpInput));
      }),
    [provider],
  );

  return { threads, send };
}
