import { redirect } from 'next/navigation';
import { safeReturnPath } from '../../_server/action-result';
import { oauthProviders, signIn } from '../../_server/auth';
import { getCurrentUser } from '../../_server/current-user';
import { signInAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata = { title: 'Sign in · Scriptorium' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <main className="auth-page">
      <p className="auth-brand">Scriptorium</p>
      <AuthForm mode="signin" action={signInAction} next={next} />
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
