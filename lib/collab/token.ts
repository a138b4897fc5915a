import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ROLES } from '../domain/roles';

/** How long a collab token is good for; clients fetch a fresh one before each (re)connection. */
export const COLLAB_TOKEN_TTL_SECONDS = 10 * 60;
const ISSUER = 'scriptorium-web';
const AUDIENCE = 'scriptorium-collab';

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  mid: z.string().min(1),
  role: z.enum(ROLES),
});

export type CollabTokenClaims = z.infer<typeof claimsSchema>;

// One key object per secret: importing the HMAC key for every connection cost more than verifying.
const keys = new Map<string, KeyObject>();
function key(secret: string): KeyObject {
  let found = keys.get(secret);
  if (!found) keys.set(secret, (found = createSecretKey(Buffer.from(secret, 'utf8'))));
  return found;
}

/** Signed by web (HS256, the shared secret) for one user and one manuscript. */
export async function signCollabToken(secret: string, claims: CollabTokenClaims, ttlSeconds = COLLAB_TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ name: claims.name, color: claims.color, mid: claims.mid, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

/** The token's claims, or null when it is forged, expired, or malformed. */
export async function verifyCollabToken(secret: string, token: string): Promise<CollabTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const parsed = claimsSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
