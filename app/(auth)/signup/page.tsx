import { redirect } from 'next/navigation';
import { safeReturnPath } from '../../_server/action-result';
import { getCurrentUser } from '../../_server/current-user';
import { signUpAction } from '../actions';
import { AuthForm } from '../auth-form';

export const metadata = { title: 'Create an account · Scriptorium' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <main className="auth-page">
      <p className="auth-brand">Scriptorium</p>
      <AuthForm mode="signup" action={signUpAction} next={next} />
    </main>
  );
}
