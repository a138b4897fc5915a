import crypto from 'node:crypto';

/** A random url-safe id of lowercase letters and digits (matches MANUSCRIPT_ID_PATTERN at 12+ chars). */
export function newId(length = 16): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Personal API tokens look like `scr_<43 chars>`; the prefix makes a leaked one easy to grep for. */
export const API_TOKEN_PREFIX = 'scr_';

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to store them safely. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** An invitation link's secret, returned once; only its hash is stored. */
export function generateInviteSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}
