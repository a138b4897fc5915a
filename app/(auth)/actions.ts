'use server';

import { AuthError } from 'next-auth';
import { hashPassword } from '@/lib/auth/password';
import { signUpVerdict } from '@/lib/auth/sign-up-policy';
import { readEnv } from '@/lib/config/env';
import { pickCaretColor } from '@/lib/collab/identity';

import { signInInput, signUpInput } from '@/lib/validation/inputs';
import { actionResult, safeReturnPath, type ActionState } from '../_server/action-result';
import { signIn, signOut } from '../_server/auth';
import { getStorage } from '../_server/storage';

async function signInOrExplain(email: string, password: string, redirectTo: string): Promise<ActionState> {
  try {
    await signIn('credentials', { email, password, redirectTo });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return { error: code === 'rate_limited' ? 'Too many attempts. Wait a few minutes and try again.' : 'Wrong email or password.', values: { email } };
    }
    throw error;
  }
}

/** What the writer typed (never the password), so a refused form is not emptied. */
const typedValues = (form: FormData) => ({ email: String(form.get('email') ?? ''), name: String(form.get('name') ?? '') });

/** Creates an account (honouring invitations sent to that email) and signs in, when SIGNUP allows this one. */
export async function signUpAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const result = await actionResult(async () => {
    const input = signUpInput.parse({ email: form.get('email'), name: form.get('name'), password: form.get('password') });
    // Enforced here, not only by hiding the form: a hand-made POST meets the same rule.
    const storage = await getStorage();
    const verdict = await signUpVerdict(storage, readEnv().SIGNUP, { email: input.email, next: safeReturnPath(form.get('next')) });
    if (!verdict.allowed) return { error: verdict.message };
    await storage.users.create({ email: input.email, name: input.name, color: pickCaretColor(), passwordHash: await hashPassword(input.password) });
    return signInOrExplain(input.email, input.password, safeReturnPath(form.get('next')));
  });
  return result.error ? { ...result, values: typedValues(form) } : result;
}

export async function signInAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return actionResult(async () => {
    const parsed = signInInput.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) return { error: 'Enter your email and password.', values: typedValues(form) };
    return signInOrExplain(parsed.data.email, parsed.data.password, safeReturnPath(form.get('next')));
  });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/signin' });
}
