'use client';

import { Drawer } from '../_panels/drawer';
import { useState } from 'react';
import type { Role } from '@/lib/domain/roles';
import { mayComment } from '@/lib/comments/authorize';
import type { CommentThreadView } from '@/lib/comments/protocol';
import type { CommentRequest } from './use-comments';
import type { Binder } from '@/lib/manuscript/binder';

type Filter = 'open' | 'resolved' | 'mine' | 'mentions';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'mine', label: 'Mine' },
  { value: 'mentions', label: 'Mentioning me' },
];

/** Every thread in the manuscript, filtered; choosing one opens its scene at the passage. */
export function CommentsPanel(props: {
  threads: CommentThreadView[];
  binder: Binder;
  myId: string;
  role: Role;
  send: (op: CommentRequest) => Promise<string | null>;
  onOpen: (thread: CommentThreadView) => void;
  onClose: () => void;
}) {
  const [filter, setFilter] = useState<Filter>('open');
  const shown = props.threads.filter((thread) => {
    if (filter === 'open') return !thread.resolvedAt;
    if (filter === 'resolved') return !!thread.resolvedAt;
    if (filter === 'mine') return thread.messages.some((m) => m.authorId === props.myId);
    return thread.messages.some((m) => m.mentions.includes(props.myId));
  });
  return (
    <Drawer label="Comments" title="Comments" className="comments-panel" onClose={props.onClose}>
      <div className="filters" role="radiogroup" aria-label="Show">
        {FILTERS.map((option) => (
          <button key={option.value} type="button" role="radio" aria-checked={filter === option.value} className={filter === option.value ? 'chip on' : 'chip'} onClick={() => setFilter(option.value)}>
            {option.label}
          </button>
        ))}
      </div>
      {shown.length === 0 ? <p className="muted small">Nothing here.</p> : null}
      <ul className="comment-list" aria-label="Threads">
        {shown.map((thread) => {
          const last = [...thread.messages].reverse().find((m) => !m.deleted);
          const scene = props.binder.byId.get(thread.sceneId);
          return (
            <li key={thread.id}>
              <button type="button" className="comment-link" onClick={() => props.onOpen(thread)}>
                <span className="muted small">
                  {scene?.title ?? 'A deleted scene'}
                  {thread.resolvedAt ? ' · resolved' : ''}
                </span>
                <span className="quote">“{thread.quote}”</span>
                {last ? (
                  <span className="small">
                    <strong>{last.authorName}:</strong> {last.body}
                  </span>
                ) : null}
              </button>
              {thread.resolvedAt && mayComment(props.role, 'resolve') ? (
                <button type="button" className="link-button small" onClick={() => void props.send({ op: 'resolve', threadId: thread.id, resolved: false })}>
                  Reopen
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Drawer>
  );
}
