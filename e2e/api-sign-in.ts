import { expect, type BrowserContext } from '@playwright/test';
import { hashPassword } from '../lib/auth/password';
import { pickCaretColor } from '../lib/collab/identity';
import { openStorage } from '../lib/storage/open';
import { signUpInput } from '../lib/validation/inputs';
import { E2E_DATABASE_URL } from './environment';

export interface Account {
  email: string;
  name: string;
  password: string;
}

/** Makes the account the sign-up form makes (the same input checks, hash and caret colour), straight in the journeys' store. */
export async function createAccount(account: Account): Promise<void> {
  const input = signUpInput.parse(account);
  const storage = await openStorage(E2E_DATABASE_URL);
  try {
    await storage.users.create({ email: input.email, name: input.name, color: pickCaretColor(), passwordHash: await hashPassword(input.password) });
  } finally {
    await storage.close();
  }
}

/**
 * Signs the browser context in through next-auth's credentials endpoint, as documenso's `apiSignin`
 * does: the session cookie lands in the context, no page is loaded.
 */
export async function signInThroughApi(context: BrowserContext, account: Pick<Account, 'email' | 'password'>): Promise<void> {
  const { csrfToken } = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await context.request.post('/api/auth/callback/credentials', { form: { ...account, csrfToken, callbackUrl: '/' }, maxRedirects: 0 });
  // next-auth redirects whether or not the password was right; only the API says who is signed in.
  const me = await context.request.get('/api/me');
  expect(me.ok(), `signed in as ${account.email} through the API`).toBe(true);
  expect(((await me.json()) as { email: string }).email).toBe(account.email.toLowerCase());
}
