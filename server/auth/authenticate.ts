import type { IncomingMessage } from 'node:http';
import type { Role } from '../../lib/domain/roles';
import { CloseCode } from '../../lib/collab/close-codes';
import { verifyCollabToken } from '../../lib/collab/token';
import type { MemberStore } from '../../lib/storage/storage';

export type { Role };

export interface Identity {
  user: { id: string; name: string; color: string };
  role: Role;
}

export type AuthResult = { ok: true; identity: Identity } | { ok: false; code: CloseCode };
export type Authenticate = (request: IncomingMessage, manuscriptId: string) => Promise<AuthResult>;

/**
 * The one place a connection's identity is decided: a token signed by web names the user and the
 * manuscript; the role comes from the database at this moment, not from the token.
 */
export function createAuthenticator(options: { secret: string; members: Pick<MemberStore, 'getRole'> }): Authenticate {
  return async (request, manuscriptId) => {
    const token = new URL(request.url ?? '/', 'http://collab.invalid').searchParams.get('token');
    if (!token) return { ok: false, code: CloseCode.Unauthorized };
    const claims = await verifyCollabToken(options.secret, token);
    if (!claims) return { ok: false, code: CloseCode.Unauthorized };
    if (claims.mid !== manuscriptId) return { ok: false, code: CloseCode.Forbidden };
    const role = await options.members.getRole(manuscriptId, claims.sub);
    if (!role) return { ok: false, code: CloseCode.Forbidden };
    return { ok: true, identity: { user: { id: claims.sub, name: claims.name, color: claims.color }, role } };
  };
}

