import Link from 'next/link';

import { ActionForm } from '../../../_components/action-form';
import { getStorage } from '../../../_server/storage';
import { resetPasswordAction } from '../../password-reset-actions';

export const metadata = { title: 'Set a new password · Scriptorium' };

/** Where a reset email leads. Opening it spends nothing (mail scanners open links); only setting the password does. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = /^[\w-]{20,100}$/.test(token) ? await (await getStorage()).users.userForPasswordReset(token) : undefined;
  return (
    <main className="auth-page">
      <p className="auth-brand">Scriptorium</p>
      <section className="card auth-form">
        <h1>Set a new password</h1>
        {user ? (
          <ActionForm action={resetPasswordAction} submitLabel="Set the new password" pendingLabel="One moment…" hidden={{ token }} className="stack-form" label="Set a new password">
            <p className="hint">For {user.email}.</p>
            <label htmlFor="password">New password</label>
            <input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} />
            <label htmlFor="confirm">The same again</label>
            <input id="confirm" name="confirm" type="password" autoComplete="new-password" required minLength={8} />
            <p className="hint">At least 8 characters.</p>
          </ActionForm>
        ) : (
          <p role="alert" className="form-message error">
            This link has expired or was already used. <Link href="/forgot-password">Ask for a new one</Link>.
          </p>
        )}
      </section>
    </main>
  );
}
