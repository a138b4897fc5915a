import type http from 'node:http';

/** How often a draining server closes connections that have just become idle. */
const IDLE_SWEEP_MS = 100;

export type DrainOutcome = 'drained' | 'cut';

/**
 * Graceful stop for an HTTP server that holds long-lived responses (event streams) and keep-alive
 * connections: `server.close()` alone waits for every one of them, so a single open tab kept the
 * process alive forever. Call before `listen`, so every response is seen.
 */
export function drainable(server: http.Server) {
  const streams = new Set<http.ServerResponse>();
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    // EventSource asks with this Accept header; the response's own headers may not be readable.
    if (!request.headers.accept?.includes('text/event-stream')) return;
    streams.add(response);
    response.once('close', () => streams.delete(response));
  });
  const endStreams = () => {
    for (const response of streams) response.destroy();
  };

  return {
    /**
     * Stops accepting, ends event streams (browsers reconnect by themselves, to whichever instance
     * is up), closes idle keep-alive connections, and lets requests in flight finish; whatever is
     * still open after `deadlineMs` is cut. Resolves once the server is closed.
     */
    drain(deadlineMs: number): Promise<DrainOutcome> {
      return new Promise((resolve) => {
        let outcome: DrainOutcome = 'drained';
        const sweep = setInterval(() => {
          endStreams();
          server.closeIdleConnections();
        }, IDLE_SWEEP_MS);
        const deadline = setTimeout(() => {
          outcome = 'cut';
          server.closeAllConnections();
        }, deadlineMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve(outcome);
        });
        endStreams();
        server.closeIdleConnections();
      });
    },
  };
}
