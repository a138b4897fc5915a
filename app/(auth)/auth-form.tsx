'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormActionState } from '../_components/action-form';
import { FormError } from '../_components/form-error';

interface AuthFormProps {
  mode: 'signin' | 'signup';
  action: (state: FormActionState, form: FormData) => Promise<FormActionState>;
  next: string;
  /** Whether "Create an account" is offered from sign-in (not when SIGNUP=closed). */
  offerSignUp?: boolean;
  /** A hint over the sign-up form (sign-up by invitation). */
  hint?: string;
}

export function AuthForm({ mode, action, next, offerSignUp = true, hint }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const signingUp = mode === 'signup';
  const query = next !== '/' ? `?next=${encodeURIComponent(next)}` : '';
  return (
    <form action={formAction} className="card auth-form">
      <h1>{signingUp ? 'Create your account' : 'Sign in'}</h1>
      <input type="hidden" name="next" value={next} />
      {hint ? <p className="hint">{hint}</p> : null}
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      {signingUp ? (
        <>
          <label htmlFor="name">Display name</label>
          <input id="name" name="name" autoComplete="nickname" required maxLength={60} defaultValue={state.values?.name} />
          <p className="hint">Co-authors see this name beside your caret.</p>
        </>
      ) : null}
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete={signingUp ? 'new-password' : 'current-password'} required minLength={signingUp ? 8 : 1} />
      {signingUp ? <p className="hint">At least 8 characters.</p> : <Link href="/forgot-password" className="forgot-password small">Forgot your password?</Link>}
      <button type="submit" disabled={pending}>
        {pending ? 'One moment…' : signingUp ? 'Create account' : 'Sign in'}
      </button>
      <FormError message={state.error} />
      <p className="muted switch">
        {signingUp ? (
          <>
            Already have an account? <Link href={`/signin${query}`}>Sign in</Link>
          </>
        ) : offerSignUp ? (
          <>
            New here? <Link href={`/signup${query}`}>Create an account</Link>
          </>
        ) : (
          <>New accounts here are made by the person who runs this Scriptorium.</>
        )}
      </p>
    </form>
  );
}
