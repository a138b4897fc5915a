import Link from 'next/link';
import { redirect } from 'next/navigation';
import { inviteSecretIn } from '@/lib/auth/sign-up-policy';
import { readEnv } from '@/lib/config/env';
import { safeReturnPath } from '../../_server/action-result';
import { getCurrentUser } from '../../_server/current-user';
import { signUpAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata = { title: 'Create an account · Scriptorium' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  const mode = readEnv().SIGNUP;
  if (mode === 'closed') {
    return (
      <main className="auth-page">
        <p className="auth-brand">Scriptorium</p>
        <section className="card auth-form">
          <h1>Create your account</h1>
          <p>This Scriptorium is not taking new accounts. Ask the person who runs it to make one for you.</p>
          <p className="muted switch">
            Already have an account? <Link href="/signin">Sign in</Link>
          </p>
        </section>
      </main>
    );
  }
  const hint =
    mode === 'invite' && !inviteSecretIn(next) ? 'Accounts here are by invitation: use the email address your invitation was sent to.' : undefined;
  return (
    <main className="auth-page">
      <p className="auth-brand">Scriptorium</p>
      <AuthForm mode="signup" action={signUpAction} next={next} hint={hint} />
    </main>
  );
}
