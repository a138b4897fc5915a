import { redirect } from 'next/navigation';
import { readEnv } from '@/lib/config/env';
import { safeReturnPath } from '../../_server/action-result';
import { oauthProviders, signIn } from '../../_server/auth';
import { getCurrentUser } from '../../_server/current-user';
import { signInAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata = { title: 'Sign in · Scriptorium' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string; error?: string }> }) {
  const query = await searchParams;
  const next = safeReturnPath(query.next);
  if (await getCurrentUser()) redirect(next);
  return (
    <main className="auth-page">
      <p className="auth-brand">Scriptorium</p>
      {query.reset ? (
        <p className="form-message ok auth-notice" role="status">
          Your new password is set. Sign in with it.
        </p>
      ) : null}
      {query.error === 'signup-closed' ? (
        <p className="form-message error auth-notice" role="alert">
          There is no account for that address here, and this Scriptorium makes new ones only by invitation or not at all.
        </p>
      ) : null}
      <AuthForm mode="signin" action={signInAction} next={next} offerSignUp={readEnv().SIGNUP !== 'closed'} />
      {oauthProviders.map((provider) => (
        <form
          key={provider.id}
          className="oauth"
          action={async () => {
            'use server';
            await signIn(provider.id, { redirectTo: next });
          }}
        >
          <button type="submit" className="quiet">
            Continue with {provider.name}
          </button>
        </form>
      ))}
    </main>
  );
}
