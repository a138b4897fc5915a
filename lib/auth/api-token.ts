import crypto from 'node:crypto';

/** Personal API tokens look like `scr_<43 chars>`; the prefix makes a leaked one easy to grep for. */
export const API_TOKEN_PREFIX = 'scr_';

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to store them safely. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
