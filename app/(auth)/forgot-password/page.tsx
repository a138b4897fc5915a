import Link from 'next/link';
import { redirect } from 'next/navigation';
import { readEnv } from '@/lib/config/env';
import { ActionForm } from '../../_components/action-form';
import { getCurrentUser } from '../../_server/current-user';
import { forgotPasswordAction } from '../password-reset-actions';

export const metadata = { title: 'Forgot your password · Scriptorium' };

/** A path back in for a writer who forgot their password: a reset email, or who to ask when this server sends none. */
export default async function ForgotPasswordPage() {
  if (await getCurrentUser()) redirect('/settings');
  const sendsEmail = Boolean(readEnv().SMTP_URL);
  return (
    <main className="auth-page">
      <p className="auth-brand">Scriptorium</p>
      <section className="card auth-form">
        <h1>Forgot your password?</h1>
        {sendsEmail ? (
          <ActionForm action={forgotPasswordAction} submitLabel="Email me a link" pendingLabel="Sending…" className="stack-form" label="Reset your password">
            <p className="hint">We will email you a link to set a new password. It works once, within the hour.</p>
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </ActionForm>
        ) : (
          <>
            <p>This Scriptorium sends no email, so the person who runs it resets passwords. Ask them to run, in the project folder:</p>
            <pre className="cli-hint">
              <code>npm run cli -- user:reset-password --email you@example.com</code>
            </pre>
            <p className="hint">It asks for the new password, which they then pass on to you. (To send reset links by email instead, they set SMTP_URL.)</p>
          </>
        )}
        <p className="muted switch">
          Remembered it? <Link href="/signin">Sign in</Link>
        </p>
      </section>
    </main>
  );
}
