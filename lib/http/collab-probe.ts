/** How long web's readiness waits for collab to answer. */
const PROBE_TIMEOUT_MS = 2_000;

/** The HTTP address of collab's readiness route behind its WebSocket URL (a path prefix, as behind nginx, is kept). */
export function collabReadyzUrl(collabUrl: string): string {
  const url = new URL(collabUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL('readyz', url).toString();
}

/**
 * Resolves when collab answers ready at its internal address (imports and restores need it); throws
 * with the reason otherwise, worded for an operator reading web's /readyz or `npm start`'s log.
 */
export async function probeCollab(collabUrl: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  let status: number;
  try {
    status = (await fetch(collabReadyzUrl(collabUrl), { signal: AbortSignal.timeout(timeoutMs) })).status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new Error(`collab is unreachable at ${collabUrl} (${cause === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause})`);
  }
  if (status !== 200) throw new Error(`collab at ${collabUrl} is not ready (HTTP ${status})`);
}
