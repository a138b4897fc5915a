'use client';

import type { Editor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { useEffect, useState, type CSSProperties } from 'react';
import { canWrite, hasAtLeast } from '@/lib/domain/roles';
import { encodeAnchor, type ProsemirrorMapping } from '@/lib/comments/anchor';
import type { WebsocketProvider } from 'y-websocket';
import type { CommentThreadView } from '@/lib/comments/protocol';
import { GUEST_COLOR, guestNameOf } from '@/lib/editor/suggestions/guests';
import { describeSuggestion, listSuggestions, reviewSuggestions, type SuggestionFilter, type SuggestionSummary, type Verdict } from '@/lib/editor/suggestions/review';
import { ThreadCard } from './comment-margin';
import { MentionTextarea } from './mention-textarea';
import { readBinder } from '@/lib/manuscript/binder';
import type { CommentContext } from './use-comments';
import { FormError } from '../../../_components/form-error';

/**
 * A suggestion's reply thread is an ordinary comment thread on the suggested words, keyed to the
 * suggestion by this marker in its context (no schema change: the storage engines are in flux).
 * Once the suggestion is accepted or rejected the thread shows as a plain comment, so nothing said is lost.
 */
const THREAD_MARKER = 'suggestion:';
export const suggestionIdOfThread = (thread: CommentThreadView): string | null =>
  thread.context.prefix.startsWith(THREAD_MARKER) ? thread.context.prefix.slice(THREAD_MARKER.length) : null;

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** The open scene's suggestions, re-read whenever its text changes. */
export function useSuggestions(editor: Editor | null): SuggestionSummary[] {
  const [list, setList] = useState<SuggestionSummary[]>([]);
  useEffect(() => {
    if (!editor) return;
    let key = '';
    const read = () => {
      if (editor.isDestroyed) return;
      const next = listSuggestions(editor.state.doc);
      const nextKey = JSON.stringify(next);
      if (nextKey !== key) {
        key = nextKey;
        setList(next);
      }
    };
    read();
    editor.on('update', read);
    editor.on('create', read);
    return () => {
      editor.off('update', read);
      editor.off('create', read);
    };
  }, [editor]);
  return list;
}

/** Accepts or rejects in the open editor, as one ordinary (undoable) edit. */
export function reviewInEditor(editor: Editor, verdict: Verdict, filter: SuggestionFilter): boolean {
  const tr = reviewSuggestions(editor.state, verdict, filter);
  if (!tr) return false;
  editor.view.dispatch(tr.setMeta('suggestionReview', true));
  return true;
}

export type Writer = { name: string; color: string };

/** Who wrote a suggestion: a known writer, or a guest whose tracked changes came from a Word file. */
export function writerOf(writers: Map<string, Writer>, authorKey: string): Writer | null {
  const known = writers.get(authorKey);
  if (known) return known;
  const guest = guestNameOf(authorKey);
  return guest ? { name: `${guest} (guest)`, color: GUEST_COLOR } : null;
}

/** Everyone who may have written a suggestion: members as the page loaded, anyone present now (awareness carries their id), and me. */
export function knownWriters(provider: WebsocketProvider, me: Writer & { id: string }, members: Array<Writer & { userId: string }>): Map<string, Writer> {
  const present = [...provider.awareness.getStates().values()].flatMap((state): Array<[string, Writer]> => {
    const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
    return typeof user?.id === 'string' && typeof user.name === 'string' && typeof user.color === 'string' ? [[user.id, { name: user.name, color: user.color }]] : [];
  });
  return new Map([...present, [me.id, { name: me.name, color: me.color }], ...members.map((m): [string, Writer] => [m.userId, { name: m.name, color: m.color }])]);
}

/** A scene's comment threads, less those shown on a live suggestion's card (keyed by suggestion id). */
export function splitSuggestionThreads(threads: CommentThreadView[], sceneId: string, suggestions: SuggestionSummary[]) {
  const live = new Set(suggestions.map((s) => s.id));
  const threadOfSuggestion = new Map<string, CommentThreadView>();
  // A suggestion's reply thread shows on its card while the suggestion lasts, then as an ordinary comment.
  const sceneThreads = threads.filter((thread) => {
    if (thread.sceneId !== sceneId) return false;
    const suggestionId = suggestionIdOfThread(thread);
    if (suggestionId === null || !live.has(suggestionId)) return true;
    threadOfSuggestion.set(suggestionId, thread);
    return false;
  });
  return { sceneThreads, threadOfSuggestion };
}

interface SuggestionCardProps {
  editor: Editor;
  sceneId: string;
  suggestion: SuggestionSummary;
  writer: Writer | null;
  thread: CommentThreadView | null;
  comments: CommentContext;
  top: number;
  cardRef: (element: HTMLElement | null) => void;
}

/** One suggestion beside its words: who proposes what, Accept / Reject, and its reply thread. */
export function SuggestionCard({ editor, sceneId, suggestion, writer, thread, comments, top, cardRef }: SuggestionCardProps) {
  const [error, setError] = useState<string | null>(null);
  const mine = suggestion.author === comments.myId;
  const name = writer?.name ?? 'A former member';
  const byId: SuggestionFilter = (attrs) => String(attrs.id) === suggestion.id;
  const reply = async (body: string, mentions: string[]) => {
    const binding = ySyncPluginKey.getState(editor.state)?.binding as { type: import('yjs').XmlFragment; mapping: ProsemirrorMapping } | undefined;
    if (!binding) return 'The editor is not ready yet.';
    const { from, to } = suggestion;
    const anchor = encodeAnchor(binding.type, binding.mapping, from, to);
    const quote = (suggestion.deleted + suggestion.inserted).slice(0, 2000) || describeSuggestion(suggestion);
    return comments.send({ op: 'create', sceneId, anchor, quote, context: { prefix: `${THREAD_MARKER}${suggestion.id}`, suffix: '' }, body, mentions });
  };
  return (
    <article
      ref={cardRef}
      className="thread-card suggestion-card"
      style={{ top, '--suggestion-color': writer?.color } as CSSProperties}
      data-suggestion-id={suggestion.id}
      aria-label={`Suggestion by ${name}`}
      tabIndex={0}
    >
      <p className="suggestion-card__what">
        <span className="author">{name}</span>: {describeSuggestion(suggestion)}
      </p>
      <p className="muted small suggestion-card__when">{suggestion.time ? timeFormat.format(suggestion.time) : ''}</p>
      <p className="suggestion-card__actions">
        {canWrite(comments.role) ? (
          <>
            <button type="button" className="suggestion-card__accept" onClick={() => reviewInEditor(editor, 'accept', byId) || setError('That suggestion has already gone.')}>
              Accept
            </button>
            <button type="button" onClick={() => reviewInEditor(editor, 'reject', byId) || setError('That suggestion has already gone.')}>
              Reject
            </button>
          </>
        ) : mine ? (
          <button type="button" onClick={() => reviewInEditor(editor, 'reject', byId) || setError('That suggestion has already gone.')}>
            Withdraw
          </button>
        ) : null}
      </p>
      {thread ? (
        <ThreadCard thread={thread} comments={comments} />
      ) : hasAtLeast(comments.role, 'commenter') ? (
        <MentionTextarea label={`Reply to ${name}’s suggestion`} members={comments.members} submitLabel="Reply" onOfferShare={comments.offerShare} onSubmit={reply} />
      ) : null}
      <FormError message={error} />
    </article>
  );
}

interface SuggestionReviewProps {
  editor: Editor;
  doc: import('yjs').Doc;
  sceneId: string;
  writers: Map<string, Writer>;
  here: SuggestionSummary[];
  onNotice: (message: string) => void;
}

/**
 * Accept all / Reject all, for this scene, its chapter, or one writer across the manuscript. The
 * open scene is reviewed in its editor (so undo takes it back); other scenes through the Y.Doc.
 */
export function SuggestionReview({ editor, doc, sceneId, writers, here, onNotice }: SuggestionReviewProps) {
  const [open, setOpen] = useState(false);
  // The chapter is the open scene's parent in the binder; read when the menu opens.
  const [scenes, setScenes] = useState<{ chapter: string[]; all: string[] }>({ chapter: [], all: [] });
  const chapterSceneIds = scenes.chapter;
  const allSceneIds = scenes.all;
  useEffect(() => {
    if (!open) return;
    const binder = readBinder(doc);
    const parentId = binder.scenes.find((scene) => scene.id === sceneId)?.parentId ?? null;
    setScenes({ chapter: binder.scenes.filter((scene) => scene.parentId === parentId).map((scene) => scene.id), all: binder.scenes.map((scene) => scene.id) });
  }, [open, doc, sceneId]);
  const [elsewhere, setElsewhere] = useState<Map<string, SuggestionSummary[]>>(new Map());
  const [writer, setWriter] = useState('');
  useEffect(() => {
    if (!open) return;
    // Read only when the menu opens: it walks every scene.
    void import('@/lib/editor/suggestions/across-scenes').then(({ suggestionsInScenes }) => setElsewhere(suggestionsInScenes(doc, allSceneIds.filter((id) => id !== sceneId))));
  }, [open, doc, allSceneIds, sceneId]);
  const inChapter = here.length + chapterSceneIds.reduce((sum, id) => sum + (elsewhere.get(id)?.length ?? 0), 0);
  const authors = new Set([...here, ...[...elsewhere.values()].flat()].map((s) => s.author));
  const review = async (verdict: Verdict, scope: 'scene' | 'chapter' | 'writer') => {
    const filter: SuggestionFilter = scope === 'writer' ? (attrs) => attrs.author === writer : () => true;
    const others = scope === 'scene' ? [] : (scope === 'chapter' ? chapterSceneIds : allSceneIds).filter((id) => id !== sceneId);
    const inEditor = reviewInEditor(editor, verdict, filter);
    const { reviewScenes, suggestionsInScenes } = await import('@/lib/editor/suggestions/across-scenes');
    const changed = reviewScenes(doc, others, verdict, filter) + (inEditor ? 1 : 0);
    setElsewhere(suggestionsInScenes(doc, allSceneIds.filter((id) => id !== sceneId)));
    const what = verdict === 'accept' ? 'Accepted' : 'Rejected';
    onNotice(changed === 0 ? 'There were no suggestions to review there.' : `${what} the suggestions in ${changed === 1 ? 'one scene' : `${changed} scenes`}.`);
  };
  return (
    <details className="suggestion-review" open={open} onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>Review suggestions{here.length > 0 ? ` (${here.length})` : ''}</summary>
      <div className="suggestion-review__menu">
        <p>
          <span>This scene ({here.length})</span>
          <button type="button" disabled={here.length === 0} onClick={() => void review('accept', 'scene')}>
            Accept all
          </button>
          <button type="button" disabled={here.length === 0} onClick={() => void review('reject', 'scene')}>
            Reject all
          </button>
        </p>
        <p>
          <span>This chapter ({inChapter})</span>
          <button type="button" disabled={inChapter === 0} onClick={() => void review('accept', 'chapter')}>
            Accept all
          </button>
          <button type="button" disabled={inChapter === 0} onClick={() => void review('reject', 'chapter')}>
            Reject all
          </button>
        </p>
        <p>
          <select aria-label="Whose suggestions" value={writer} onChange={(event) => setWriter(event.target.value)}>
            <option value="">One writer’s…</option>
            {[...authors].map((id) => (
              <option key={id} value={id}>
                {writerOf(writers, id)?.name ?? 'A former member'}
              </option>
            ))}
          </select>
          <button type="button" disabled={!writer} onClick={() => void review('accept', 'writer')}>
            Accept all
          </button>
          <button type="button" disabled={!writer} onClick={() => void review('reject', 'writer')}>
            Reject all
          </button>
        </p>
      </div>
    </details>
  );
}

const SAFE_ID = /^[a-z0-9]{1,64}$/;
const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Each writer's colour for their suggestions in the text: marks carry the author's id as `data-author`. */
export function SuggestionColors({ writers }: { writers: Map<string, Writer> }) {
  const rules = [...writers]
    .filter(([id, writer]) => SAFE_ID.test(id) && SAFE_COLOR.test(writer.color))
    .map(([id, writer]) => `.manuscript-text .suggestion[data-author="${id}"] { --suggestion-color: ${writer.color}; }`)
    .join('\n');
  return <style>{rules}</style>;
}
