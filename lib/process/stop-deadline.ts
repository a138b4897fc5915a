/** How long web or collab may take to stop gracefully (flush rooms, finish requests) before it exits anyway. */
export const STOP_DEADLINE_MS = 10_000;

/**
 * Arms the stop deadline: the process exits (code 1) `deadlineMs` after this call even if the graceful
 * stop hangs on a stuck client or an unreachable store. Acknowledged words are already stored, so
 * cutting the stop short loses nothing a writer was told is saved.
 */
export function exitWithin(deadlineMs: number, log: (line: string) => void, exit: (code: number) => void = process.exit): void {
  const timer = setTimeout(() => {
    log(`graceful stop took longer than ${deadlineMs / 1000} s; exiting now`);
    exit(1);
  }, deadlineMs);
  timer.unref();
}
