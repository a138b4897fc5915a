import crypto from 'node:crypto';

/** A random url-safe id of lowercase letters and digits (matches MANUSCRIPT_ID_PATTERN at 12+ chars). */
export function newId(length = 16): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
