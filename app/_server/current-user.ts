import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { API_TOKEN_PREFIX } from '@/lib/auth/api-token';
import { type User } from '@/lib/storage/records';
import { auth } from './auth';
import { getStorage } from './storage';

/**
 * The signed-in user, from a bearer token (`Authorization: Bearer scr_…`) or the session cookie,
 * always re-read from the database so a deleted account stops working at once.
 */
export async function getCurrentUser(): Promise<User | null> {
  const authorization = (await headers()).get('authorization');
  if (authorization?.startsWith('Bearer ')) {
    const token = authorization.slice('Bearer '.length).trim();
    return token.startsWith(API_TOKEN_PREFIX) ? ((await (await getStorage()).users.userForApiToken(token)) ?? null) : null;
  }
  const session = await auth();
  const id = session?.user?.id;
  return id ? ((await (await getStorage()).users.getById(id)) ?? null) : null;
}

/** For pages and actions: the user, or a redirect to sign in (coming back here afterwards). */
export async function requireUser(returnTo = '/'): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return user;
}
