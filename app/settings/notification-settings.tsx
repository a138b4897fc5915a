'use client';

import { useState } from 'react';
import { NOTIFICATION_KINDS, type EmailMode, type NotificationKind, type NotificationSettingsView } from '@/lib/storage/records';

/** What each kind of inbox item is called here; a kind added to NOTIFICATION_KINDS must be named before it builds. */
const KIND_LABEL: Record<NotificationKind, string> = {
  mention: 'Someone mentions me',
  reply: 'Replies in threads I started or joined',
  resolved: 'My comments resolved',
  reopened: 'My comments reopened',
  shared: 'A manuscript shared with me',
  'draft-restored': 'A co-author restores a draft',
};

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
        {NOTIFICATION_KINDS.map((kind) => (
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
            {KIND_LABEL[kind]}
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
