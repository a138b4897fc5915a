'use client';

import { useState } from 'react';
import type { EmailMode, NotificationKind, NotificationSettingsView } from '@/lib/storage/records';

const KINDS: { kind: NotificationKind; label: string }[] = [
  { kind: 'mention', label: 'Someone mentions me' },
  { kind: 'reply', label: 'Replies in threads I started or joined' },
  { kind: 'resolved', label: 'My comments resolved' },
  { kind: 'reopened', label: 'My comments reopened' },
  { kind: 'shared', label: 'A manuscript shared with me' },
  { kind: 'draft-restored', label: 'A co-author restores a draft' },
];

/** Which inbox items a writer wants, and whether by email too. */
export function NotificationSettingsForm({ initial, emailAvailable }: { initial: NotificationSettingsView; emailAvailable: boolean }) {
  const [kinds, setKinds] = useState(new Set(initial.kinds));
  const [email, setEmail] = useState<EmailMode>(initial.email);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const response = await fetch('/api/notifications/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kinds: [...kinds], email }) });
    setMessage(response.ok ? 'Saved.' : 'Could not save; try again.');
  };
  return (
    <form
      className="notification-settings stack-form"
      aria-label="Notification settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Tell me when</legend>
        {KINDS.map(({ kind, label }) => (
          <label key={kind}>
            <input
              type="checkbox"
              checked={kinds.has(kind)}
              onChange={(event) => setKinds((current) => {
                const next = new Set(current);
                if (event.target.checked) next.add(kind);
                else next.delete(kind);
                return next;
              })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!emailAvailable}>
        <legend>Email</legend>
        {(['off', 'immediate', 'daily'] as const).map((mode) => (
          <label key={mode}>
            <input type="radio" name="email" value={mode} checked={email === mode} onChange={() => setEmail(mode)} />
            {mode === 'off' ? 'No email, the inbox is enough' : mode === 'immediate' ? 'Email each one as it happens' : 'One email a day with what I missed'}
          </label>
        ))}
        {!emailAvailable ? <p className="muted small">Email is off on this server (no SMTP_URL).</p> : null}
      </fieldset>
      <button type="submit">Save notification settings</button>
      {message ? <p role="status" className="muted small">{message}</p> : null}
    </form>
  );
}
