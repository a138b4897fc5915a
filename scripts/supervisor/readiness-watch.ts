/** How often `npm start` asks web whether it can serve. */
const WATCH_INTERVAL_MS = 5_000;

export type Readiness = { ready: true } | { ready: false; reason: string } | { ready: 'no answer' };

/** Asks web's /readyz; a web process that is not listening is the supervisor's business, not a readiness reason. */
export async function askReadiness(url: string): Promise<Readiness> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(WATCH_INTERVAL_MS) });
    if (response.ok) return { ready: true };
    const body = (await response.json().catch(() => ({}))) as { reason?: string };
    return { ready: false, reason: body.reason ?? `HTTP ${response.status}` };
  } catch {
    return { ready: 'no answer' };
  }
}

/**
 * Logs when web's readiness changes (not ready, and why; ready again), so a host reading `npm start`'s
 * output sees that collab is unreachable without polling /readyz themselves. Returns a stop function.
 */
export function watchReadiness(url: string, log: (line: string) => void, ask = askReadiness, intervalMs = WATCH_INTERVAL_MS): () => void {
  let last = '';
  let asking = false;
  const check = async () => {
    if (asking) return;
    asking = true;
    const state = await ask(url).finally(() => (asking = false));
    if (state.ready === 'no answer') return;
    const now = state.ready ? 'ready' : `not ready: ${state.reason}`;
    // The first "ready" is worth a line too: it says the app can serve.
    if (now !== last) log(now === 'ready' ? 'ready: web answers and reaches its store and collab' : now);
    last = now;
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  void check();
  return () => clearInterval(timer);
}
