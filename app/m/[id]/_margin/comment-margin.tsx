'use client';

import type { Editor } from '@tiptap/react';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { hasAtLeast } from '@/lib/domain/roles';
import { mayComment } from '@/lib/comments/authorize';
import type { CommentThreadView } from '@/lib/comments/protocol';
import { commentRanges } from '@/lib/editor/comment-highlights';
import { COMMENT_JUMP_KEYS, isCommentJump } from './comment-jump';
import { MentionTextarea, MessageBody } from './mention-textarea';
import type { CommentContext } from './use-comments';
import { FormError } from '../../../_components/form-error';

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const GAP_PX = 10;
const COMPOSER_KEY = '\u0000composer';

export interface Composer {
  top: number;
  quote: string;
  create: (body: string, mentions: string[]) => Promise<string | null>;
}

interface CommentMarginProps {
  editor: Editor | null;
  threads: CommentThreadView[];
  comments: CommentContext;
  composer: Composer | null;
  closeComposer: () => void;
  /** Control+Alt+J (or Escape) in a thread puts the caret back in its passage. */
  onReturnToPassage?: (threadId: string) => void;
  /** On phones and tablets, the one thread shown as a sheet over the text (null: the sheet is closed). */
  sheetThreadId?: string | null;
  /** Other cards stacked with the threads, level with position `from` (suggestions). */
  extraCards?: Array<{ id: string; from: number; render: (top: number, cardRef: (element: HTMLElement | null) => void) => ReactNode }>;
}

/**
 * Open threads level with their passages, stacked so they never overlap; threads whose passage was
 * deleted gather under "Detached", quoting the words they were on.
 */
export function CommentMargin({ editor, threads, comments, composer, closeComposer, onReturnToPassage, sheetThreadId = null, extraCards = [] }: CommentMarginProps) {
  const [version, setVersion] = useState(0);
  const container = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  const composerCard = useRef<HTMLDivElement>(null);
  const [tops, setTops] = useState(new Map<string, number>());

  // Re-measure when the text changes or the window resizes; a frame later, once the DOM has settled.
  useLayoutEffect(() => {
    if (!editor) return;
    let frame = 0;
    const bump = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setVersion((v) => v + 1));
    };
    editor.on('transaction', bump);
    window.addEventListener('resize', bump);
    return () => {
      cancelAnimationFrame(frame);
      editor.off('transaction', bump);
      window.removeEventListener('resize', bump);
    };
  }, [editor]);

  const ranges = editor && !editor.isDestroyed ? commentRanges(editor.state) : new Map<string, { from: number; to: number }>();
  const anchored = threads.filter((t) => !t.resolvedAt && ranges.has(t.id));
  const detached = threads.filter((t) => !t.resolvedAt && !ranges.has(t.id));

  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed || !container.current) return;
    const base = container.current.getBoundingClientRect().top;
    const wanted = anchored
      .map((thread) => ({ id: thread.id, top: editor.view.coordsAtPos(ranges.get(thread.id)!.from).top - base }))
      .concat(extraCards.map((card) => ({ id: card.id, top: editor.view.coordsAtPos(Math.min(card.from, editor.state.doc.content.size)).top - base })))
      .sort((a, b) => a.top - b.top);
    const next = new Map<string, number>();
    let floor = detached.length > 0 ? (container.current.querySelector('.detached')?.getBoundingClientRect().height ?? 0) + GAP_PX : 0;
    // The composer keeps its place beside the selection; threads that would run into it go below it.
    const band = composer ? { top: Math.max(composer.top, floor), bottom: Math.max(composer.top, floor) + (composerCard.current?.offsetHeight ?? 160) + GAP_PX } : null;
    if (band) next.set(COMPOSER_KEY, band.top);
    for (const { id, top } of wanted) {
      const height = (cards.current.get(id)?.offsetHeight ?? 120) + GAP_PX;
      let placed = Math.max(top, floor);
      if (band && placed < band.bottom && placed + height > band.top) placed = band.bottom;
      next.set(id, placed);
      floor = placed + height;
    }
    const same = next.size === tops.size && [...next].every(([id, top]) => Math.abs((tops.get(id) ?? -1) - top) < 1);
    if (!same) setTops(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, threads, editor, composer, extraCards.map((card) => card.id).join()]);

  return (
    <aside
      className={`comment-margin${composer || (sheetThreadId && (threads.some((t) => t.id === sheetThreadId) || extraCards.some((c) => c.id === sheetThreadId))) ? ' comment-margin--sheet-open' : ''}`}
      aria-label="Comments in the margin"
      ref={container}
      onKeyDown={(event) => {
        const card = (event.target as HTMLElement).closest<HTMLElement>('.thread-card[data-thread-id]');
        const typing = (event.target as HTMLElement).matches('textarea, input');
        if (!card || !onReturnToPassage || event.defaultPrevented) return;
        if (isCommentJump(event) || (event.key === 'Escape' && !typing)) {
          event.preventDefault();
          onReturnToPassage(card.dataset.threadId!);
        }
      }}
    >
      {sheetThreadId && onReturnToPassage && !composer ? (
        <p className="sheet-head narrow-only">
          <button type="button" className="quiet" onClick={() => onReturnToPassage(sheetThreadId)}>
            Back to the text
          </button>
        </p>
      ) : null}
      {composer ? (
        <div
          className="thread-card composer"
          ref={composerCard}
          style={{ top: tops.get(COMPOSER_KEY) ?? composer.top }}
          onKeyDown={(event) => {
            // Escape anywhere in the composer cancels it (the textarea first closes an open mention list).
            if (event.key === 'Escape' && !event.defaultPrevented) closeComposer();
          }}
        >
          <p className="quote">“{composer.quote}”</p>
          <MentionTextarea
            label="New comment"
            members={comments.members}
            submitLabel="Comment"
            onSubmit={composer.create}
            onCancel={closeComposer}
            onOfferShare={comments.offerShare}
            autoFocus
          />
        </div>
      ) : null}
      {detached.length > 0 ? (
        <section className="detached" aria-label="Detached comments">
          <h3>Detached</h3>
          <p className="muted small">The text these were on has been deleted.</p>
          {detached.map((thread) => (
            <ThreadCard key={thread.id} thread={thread} detached comments={comments} />
          ))}
        </section>
      ) : null}
      {anchored.map((thread) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          top={tops.get(thread.id) ?? 0}
          cardRef={(element) => (element ? cards.current.set(thread.id, element) : cards.current.delete(thread.id))}
          comments={comments}
          inSheet={thread.id === sheetThreadId}
        />
      ))}
      {extraCards.map((card) => (
        <div key={card.id} className="margin-extra" data-in-sheet={card.id === sheetThreadId ? 'true' : undefined}>
          {card.render(tops.get(card.id) ?? 0, (element) => (element ? cards.current.set(card.id, element) : cards.current.delete(card.id)))}
        </div>
      ))}
    </aside>
  );
}

interface ThreadCardProps {
  thread: CommentThreadView;
  comments: CommentContext;
  top?: number;
  detached?: boolean;
  cardRef?: (element: HTMLElement | null) => void;
  /** Shown in the phone sheet (the other cards are hidden there). */
  inSheet?: boolean;
}

export function ThreadCard({ thread, comments, top, detached, cardRef, inSheet }: ThreadCardProps) {
  const { myId, role, members, send, activeId, setActiveId, typing, setTyping } = comments;
  const typers = typing.get(thread.id) ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (op: Parameters<CommentContext['send']>[0]) => setError(await send(op));
  const active = activeId === thread.id;
  return (
    <article
      ref={cardRef}
      className={`thread-card${active ? ' active' : ''}${detached ? ' is-detached' : ''}${thread.resolvedAt ? ' is-resolved' : ''}`}
      style={top === undefined ? undefined : { top }}
      aria-label={`Comment thread on “${thread.quote.slice(0, 60)}”`}
      data-thread-id={thread.id}
      data-in-sheet={inSheet ? 'true' : undefined}
      tabIndex={0}
      aria-keyshortcuts={detached ? undefined : COMMENT_JUMP_KEYS}
      onMouseEnter={() => setActiveId(thread.id)}
      onMouseLeave={() => active && setActiveId(null)}
      onFocus={() => setActiveId(thread.id)}
    >
      {detached || thread.resolvedAt ? <p className="quote">“{thread.quote}”</p> : null}
      <ol className="messages">
        {thread.messages.map((message) => (
          <li key={message.id} className="message">
            <p className="message-head">
              <span className="author" style={{ '--author-color': message.authorColor } as React.CSSProperties}>
                {message.authorName}
              </span>
              <span className="muted small">
                {message.guest ? ' · guest · ' : ' '}
                {timeFormat.format(message.createdAt)}
                {message.editedAt ? ' · edited' : ''}
              </span>
            </p>
            {message.deleted ? (
              <p className="muted small">Message deleted.</p>
            ) : editing === message.id ? (
              <MentionTextarea
                label="Edit comment"
                members={members}
                initial={message.body}
                submitLabel="Save"
                autoFocus
                onCancel={() => setEditing(null)}
                onSubmit={async (body, mentions) => {
                  const refusal = await send({ op: 'edit', messageId: message.id, body, mentions });
                  if (!refusal) setEditing(null);
                  return refusal;
                }}
              />
            ) : (
              <p className="message-body">
                <MessageBody body={message.body} mentions={message.mentions} members={members} />
              </p>
            )}
            {!message.deleted && editing !== message.id && mayComment(role, 'edit-message', { isAuthor: message.authorId === myId }) ? (
              <p className="message-actions">
                <button type="button" className="link-button small" onClick={() => setEditing(message.id)}>
                  Edit
                </button>
                <button type="button" className="link-button small" onClick={() => void act({ op: 'delete-message', messageId: message.id })}>
                  Delete
                </button>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {hasAtLeast(role, 'commenter') ? (
        <MentionTextarea
          label="Reply"
          members={members}
          submitLabel="Reply"
          onOfferShare={comments.offerShare}
          onTyping={(now) => setTyping(now ? thread.id : null)}
          onSubmit={(body, mentions) => send({ op: 'reply', threadId: thread.id, body, mentions })}
        />
      ) : null}
      {typers.length > 0 ? (
        <p className="typing muted small" aria-live="polite">
          {typers.length === 1 ? `${typers[0]} is typing a reply…` : `${typers.slice(0, -1).join(', ')} and ${typers.at(-1)} are typing replies…`}
        </p>
      ) : null}
      <p className="thread-actions">
        {mayComment(role, 'resolve') ? (
          <button type="button" className="link-button small" onClick={() => void act({ op: 'resolve', threadId: thread.id, resolved: !thread.resolvedAt })}>
            {thread.resolvedAt ? 'Reopen' : 'Resolve'}
          </button>
        ) : null}
        {mayComment(role, 'delete-thread') ? (
          <button type="button" className="link-button small" onClick={() => void act({ op: 'delete-thread', threadId: thread.id })}>
            Delete thread
          </button>
        ) : null}
        {thread.resolvedAt ? <span className="muted small">Resolved{thread.resolvedByName ? ` by ${thread.resolvedByName}` : ''}</span> : null}
      </p>
      <FormError message={error} />
    </article>
  );
}
