'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { hashPassword } from '@/lib/auth/password';
import { requestPasswordReset } from '@/lib/auth/password-reset';

import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { appUrlOf } from '@/lib/notifications/delivery';
import { createSmtpMailer } from '@/lib/notifications/mail';
import { readEnv } from '@/lib/config/env';
import { forgotPasswordInput, resetPasswordInput } from '@/lib/validation/inputs';
import { actionResult, type ActionState } from '../_server/action-result';
import { getStorage } from '../_server/storage';
import { passwordResetLimiter } from '../_server/reset-limiter';

/** Emails a link to set a new password, when this server sends email; the answer never says whether the account exists. */
export async function forgotPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return actionResult(async () => {
    const env = readEnv();
    if (!env.SMTP_URL) return { error: 'This server sends no email. Ask the person who runs it to reset your password.' };
    const { email } = forgotPasswordInput.parse({ email: form.get('email') });
    const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
    const outcome = await requestPasswordReset({ storage: await getStorage(), email, address, appUrl: appUrlOf(env), mailer: createSmtpMailer(env.SMTP_URL, env.MAIL_FROM), limiter: passwordResetLimiter() });
    if (outcome === 'limited') return { error: 'Too many reset emails asked for. Wait an hour and try again.', values: { email } };
    return { ok: `If ${email} has an account here, a link to set a new password is on its way. It works once, within the hour.` };
  });
}

/** Sets the new password from a reset link (once), then sends the writer to sign in with it. */
export async function resetPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const result = await actionResult(async () => {
    const input = resetPasswordInput.parse({ token: form.get('token'), password: form.get('password'), confirm: form.get('confirm') });
    const user = await (await getStorage()).users.consumePasswordReset(input.token, await hashPassword(input.password));
    if (!user) return { error: 'This link has expired or was already used. Ask for a new one from the sign-in page.' };
    return { ok: user.email };
  });
  if (result.ok) redirect(`/signin?reset=1&email=${encodeURIComponent(result.ok)}`);
  return result;
}
