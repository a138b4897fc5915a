import type { Storage } from '../storage/storage';

/** Who may create an account on this server (env `SIGNUP`); the CLI's `user:create` works in every mode. */
export const SIGNUP_MODES = ['open', 'invite', 'closed'] as const;
export type SignUpMode = (typeof SIGNUP_MODES)[number];

export type SignUpVerdict = { allowed: true } | { allowed: false; message: string };

/** The secret of an invitation link the writer arrived through (`next=/invite/<secret>`), if any. */
export function inviteSecretIn(nextPath: string | null | undefined): string | null {
  const match = /^\/invite\/([^/?#]+)$/.exec(nextPath ?? '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

async function hasInvitation(storage: Storage, email: string, nextPath: string | null | undefined): Promise<boolean> {
  if (await storage.members.hasEmailInvitation(email)) return true;
  const secret = inviteSecretIn(nextPath);
  const link = secret ? await storage.members.findInviteLink(secret) : undefined;
  const manuscript = link ? await storage.manuscripts.get(link.manuscriptId) : undefined;
  return manuscript !== undefined && !manuscript.deletedAt;
}

/**
 * Whether a sign-up may create this account: `open`, always; `invite`, only for an email someone
 * invited or through a live invitation link; `closed`, never (accounts come from the CLI).
 */
export async function signUpVerdict(storage: Storage, mode: SignUpMode, input: { email: string; next?: string | null }): Promise<SignUpVerdict> {
  if (mode === 'open') return { allowed: true };
  if (mode === 'closed') return { allowed: false, message: 'This Scriptorium is not taking new accounts. Ask the person who runs it to make one for you.' };
  return (await hasInvitation(storage, input.email, input.next))
    ? { allowed: true }
    : { allowed: false, message: 'Accounts here are by invitation. Use the email address your invitation was sent to, or open the invitation link you were given.' };
}
