import { PROTOCOL_VERSION } from '@/lib/collab/protocol';
import type { CollabEndpoint } from '../../../_server/collab-url';
import { ACCESS_ENDED_MESSAGE } from './close-outcome';

/** Refresh the token well before its ten minutes run out, so reconnects always carry a valid one. */
export const TOKEN_REFRESH_MS = 4 * 60 * 1000;
/** How soon to ask web for a token again when it could not be reached. */
export const TOKEN_RETRY_MS = 3000;
/** The longest wait between two reconnect attempts (the provider doubles from 100 ms up to this). */
export const MAX_BACKOFF_MS = 5000;

export type Grant = { kind: 'ok'; token: string } | { kind: 'denied' } | { kind: 'unreachable' };

/** What web's answer to /api/collab-token means: signed out or no access is final; anything else is worth retrying. */
export function grantOf(status: number, body: unknown): Grant {
  if (status === 401 || status === 404) return { kind: 'denied' };
  const token = (body as { token?: unknown } | null)?.token;
  if (status < 200 || status > 299 || typeof token !== 'string') return { kind: 'unreachable' };
  return { kind: 'ok', token };
}

export async function fetchGrant(manuscriptId: string): Promise<Grant> {
  try {
    const response = await fetch('/api/collab-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ manuscriptId }),
    });
    if (response.status === 401 || response.status === 404 || !response.ok) return grantOf(response.status, null);
    return grantOf(response.status, await response.json());
  } catch {
    return { kind: 'unreachable' };
  }
}

/** What to do with a grant when connecting: connect (only when the browser is online), retry soon, or end access. */
export type GrantStep =
  | { kind: 'connect'; params: Record<string, string>; now: boolean }
  | { kind: 'retry'; afterMs: number }
  | { kind: 'lose-access'; message: string };

export function stepAfterGrant(grant: Grant, online: boolean): GrantStep {
  if (grant.kind === 'denied') return { kind: 'lose-access', message: ACCESS_ENDED_MESSAGE };
  if (grant.kind === 'unreachable') return { kind: 'retry', afterMs: TOKEN_RETRY_MS };
  return { kind: 'connect', params: connectionParams(grant.token), now: online };
}

/** The query the collab server reads on upgrade: the token and the protocol version this page speaks. */
export const connectionParams = (token: string): Record<string, string> => ({ token, v: String(PROTOCOL_VERSION) });

/** The collab server's address: given in full, or a port on the page's own host (ws, or wss under https). */
export function collabUrl(endpoint: CollabEndpoint, location: { protocol: string; hostname: string }): string {
  if ('url' in endpoint) return endpoint.url;
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.hostname}:${endpoint.port}`;
}
