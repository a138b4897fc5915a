import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { CloseCode } from '../../lib/collab/close-codes';

export type Role = 'owner' | 'editor' | 'commenter' | 'viewer';

export interface Identity {
  user: { id: string; name: string; color: string };
  role: Role;
}

export type AuthResult = { ok: true; identity: Identity } | { ok: false; code: CloseCode };

const visitorParams = z.object({
  name: z.string().trim().min(1).max(60),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

/**
 * The one place a connection's identity is decided. Until accounts exist, a visitor names
 * themself (display name and caret colour in the query string) and may write.
 */
export async function authenticate(request: IncomingMessage, _manuscriptId: string): Promise<AuthResult> {
  const url = new URL(request.url ?? '/', 'http://collab.invalid');
  const parsed = visitorParams.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return { ok: false, code: CloseCode.Unauthorized };
  const { name, color } = parsed.data;
  return { ok: true, identity: { user: { id: `visitor:${name}`, name, color }, role: 'editor' } };
}

export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}
