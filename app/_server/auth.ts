import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { signUpVerdict } from '@/lib/auth/sign-up-policy';
import { readEnv } from '@/lib/config/env';
import { pickCaretColor } from '@/lib/collab/identity';

import { signInInput } from '@/lib/validation/inputs';
import { getStorage } from './storage';
import { signInAddress, signInLimiter } from './sign-in-limiter';

class RateLimited extends CredentialsSignin {
  override code = 'rate_limited';
}

// A fixed hash to verify against when the account does not exist, so timing does not reveal it.
const decoyHash = hashPassword('decoy password that never matches');

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
    async authorize(credentials, request) {
      const parsed = signInInput.safeParse(credentials);
      if (!parsed.success) return null;
      const { email, password } = parsed.data;
      // Wrong passwords slow down this address and this (account, address) pair, never the account elsewhere.
      const address = signInAddress(request);
      const limiter = signInLimiter();
      if (!(await limiter.check(email, address)).allowed) throw new RateLimited();
      const user = await (await getStorage()).users.getByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !valid) {
        await limiter.recordFailure(email, address);
        return null;
      }
      await limiter.recordSuccess(email, address);
      return { id: user.id, name: user.name, email: user.email };
    },
  }),
];
if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) providers.push(GitHub);
if (process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET) providers.push(Google);

export const oauthProviders = providers
  .map((provider) => (typeof provider === 'function' ? provider() : provider))
  .filter((provider) => provider.id !== 'credentials')
  .map((provider) => ({ id: provider.id, name: provider.name }));

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: process.env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: 'jwt' },
  pages: { signIn: '/signin' },
  // A wrong password is an expected event, not a server error worth a stack trace.
  logger: {
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers,
  callbacks: {
    // OAuth makes an account on first sign-in: SIGNUP decides whether a new one may be made.
    async signIn({ user, account }) {
      if (!account || account.provider === 'credentials' || !user.email) return true;
      const storage = await getStorage();
      if (await storage.users.getByEmail(user.email)) return true;
      return (await signUpVerdict(storage, readEnv().SIGNUP, { email: user.email })).allowed ? true : '/signin?error=signup-closed';
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        if (account.provider === 'credentials') {
          token.uid = user.id;
        } else if (user.email) {
          // OAuth: the email is the link to a Scriptorium account, created on first sign-in.
          const storage = await getStorage();
          const existing = await storage.users.getByEmail(user.email);
          token.uid = (existing ?? (await storage.users.create({ email: user.email, name: user.name ?? user.email.split('@')[0]!, color: pickCaretColor(), passwordHash: null }))).id;
        }
      }
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
});
