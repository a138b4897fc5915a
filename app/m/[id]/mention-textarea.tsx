'use client';

import { useRef, useState, type KeyboardEvent } from 'react';

export interface Mentionable {
  userId: string;
  name: string;
}

interface MentionTextareaProps {
  label: string;
  members: Mentionable[];
  submitLabel: string;
  initial?: string;
  onSubmit: (body: string, mentions: string[]) => Promise<string | null>;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** Plain text with @mentions: typing "@" offers the manuscript's members. */
export function MentionTextarea({ label, members, submitLabel, initial = '', onSubmit, onCancel, autoFocus }: MentionTextareaProps) {
  const [body, setBody] = useState(initial);
  const [query, setQuery] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const suggestions = query === null ? [] : members.filter((m) => m.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, 6);

  const onChange = (value: string) => {
    setBody(value);
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
    const mentions = members.filter((m) => body.includes(`@${m.name}`)).map((m) => m.userId);
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
      if (query !== null) setQuery(null);
      else onCancel?.();
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
      {error ? (
        <p role="alert" className="form-message error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A message body as text, with @mentions of members set apart; never interpreted as HTML. */
export function MessageBody({ body, members }: { body: string; members: Mentionable[] }) {
  const names = members.map((m) => `@${m.name}`).sort((a, b) => b.length - a.length);
  if (names.length === 0) return <>{body}</>;
  const pattern = new RegExp(`(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (
    <>
      {body.split(pattern).map((piece, index) =>
        names.includes(piece) ? (
          <span key={index} className="mention">
            {piece}
          </span>
        ) : (
          <span key={index}>{piece}</span>
        ),
      )}
    </>
  );
}
