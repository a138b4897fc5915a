'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import { resolveMentions, splitMentions, unknownMentions, type Mentionable } from '@/lib/comments/mentions';
import { FormError } from '../../../_components/form-error';

export type { Mentionable };

interface MentionTextareaProps {
  label: string;
  members: Mentionable[];
  submitLabel: string;
  initial?: string;
  onSubmit: (body: string, mentions: string[]) => Promise<string | null>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Called on each change of the text (typing), and with false once it is sent, emptied or left. */
  onTyping?: (typing: boolean) => void;
  /** For the owner: opens sharing, offered when someone mentioned is not a member. */
  onOfferShare?: () => void;
}

/** Plain text with @mentions: typing "@" offers the manuscript's members. */
export function MentionTextarea({ label, members, submitLabel, initial = '', onSubmit, onCancel, autoFocus, onTyping, onOfferShare }: MentionTextareaProps) {
  const [body, setBody] = useState(initial);
  const [query, setQuery] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const strangers = unknownMentions(body, members);
  const suggestions = query === null ? [] : members.filter((m) => m.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, 6);

  const onChange = (value: string) => {
    setBody(value);
    onTyping?.(value.trim() !== '');
    const caret = area.current?.selectionStart ?? value.length;
    const match = /(^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(value.slice(0, caret));
    setQuery(match ? match[2]! : null);
  };
  const pick = (member: Mentionable) => {
    const caret = area.current?.selectionStart ?? body.length;
    const before = body.slice(0, caret).replace(/@[\p{L}\p{N}_.-]*$/u, `@${member.name} `);
    setBody(before + body.slice(caret));
    setQuery(null);
    area.current?.focus();
  };
  const submit = async () => {
    if (!body.trim() || busy) return;
    setBusy(true);
    onTyping?.(false);
    // Picked from the list or typed out in full, a member's name is a mention of that member.
    const mentions = resolveMentions(body, members);
    const refusal = await onSubmit(body.trim(), mentions);
    setBusy(false);
    if (refusal) setError(refusal);
    else {
      setBody('');
      setError(null);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Enter' && suggestions.length > 0) {
      event.preventDefault();
      pick(suggestions[0]!);
    } else if (event.key === 'Escape') {
      // The first Escape closes the mention list; the next one cancels (the composer listens for it too).
      if (query !== null && suggestions.length > 0) {
        event.preventDefault();
        setQuery(null);
      } else onCancel?.();
    }
  };

  return (
    <div className="mention-box">
      <textarea
        ref={area}
        aria-label={label}
        value={body}
        rows={2}
        autoFocus={autoFocus}
        maxLength={5000}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => onTyping?.(false)}
        placeholder="Write a comment… (@ to mention)"
      />
      {suggestions.length > 0 ? (
        <ul className="mention-suggestions" role="listbox" aria-label="Mention a member">
          {suggestions.map((member) => (
            <li key={member.userId} role="option" aria-selected={false} onMouseDown={(event) => (event.preventDefault(), pick(member))}>
              @{member.name}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mention-actions">
        <button type="button" onClick={() => void submit()} disabled={busy || !body.trim()}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      {strangers.length > 0 && query === null ? (
        <p className="mention-stranger small" role="status">
          {strangers.join(', ')} {strangers.length === 1 ? 'is' : 'are'} not a member of this manuscript, so {strangers.length === 1 ? 'they' : 'they'} can’t see this comment.
          {onOfferShare ? (
            <>
              {' '}
              <button type="button" className="link-button small" onClick={onOfferShare}>
                Share the manuscript…
              </button>
            </>
          ) : (
            ' Ask the owner to share it with them.'
          )}
        </p>
      ) : null}
      <FormError message={error} />
    </div>
  );
}

/** A message body as text, with the members it mentions (by id) as name chips; never interpreted as HTML. */
export function MessageBody({ body, mentions, members }: { body: string; mentions: string[]; members: Mentionable[] }) {
  const mentioned = members.filter((member) => mentions.includes(member.userId));
  return (
    <>
      {splitMentions(body, mentioned).map((piece, index) =>
        'mention' in piece ? (
          <span key={index} className="mention" data-user-id={piece.mention.userId} title={`${piece.mention.name} was told about this`}>
            @{piece.mention.name}
          </span>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}
