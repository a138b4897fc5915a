import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface WebOpsOptions {
  /** Throws (or rejects) when this instance cannot serve: the database is unreachable. */
  checkReady: () => void | Promise<void>;
}

/**
 * What operators and load balancers ask the web process, answered before Next sees the request:
 * `/healthz` (the process is up), `/readyz` (it can serve: its store answers) and `/metrics`
 * (Prometheus text: requests by route class and status, latency, process and event-loop numbers).
 */
export function createWebOps(options: WebOpsOptions) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const requests = new Counter({ name: 'web_http_requests_total', help: 'HTTP requests answered', labelNames: ['kind', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'web_http_request_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  /** A few route classes, never the path itself: ids in paths would make unbounded label sets. */
  const kindOf = (url: string): string => {
    if (url.startsWith('/api/')) return 'api';
    if (url.startsWith('/_next/')) return 'asset';
    if (url.startsWith('/m/')) return 'manuscript';
    return 'page';
  };

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };

  return {
    /** Answers the ops routes; false for anything else (then `observe` it and hand it to Next). */
    route(request: IncomingMessage, response: ServerResponse): boolean {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (path === '/healthz') {
        json(response, 200, { ok: true });
        return true;
      }
      if (path === '/readyz') {
        Promise.resolve()
          .then(options.checkReady)
          .then(
            () => json(response, 200, { ready: true }),
            (error: unknown) => json(response, 503, { ready: false, reason: (error as Error).message }),
          );
        return true;
      }
      if (path === '/metrics') {
        void registry.metrics().then((text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        });
        return true;
      }
      return false;
    },
    /** Counts a request Next answers, once its response is finished. */
    observe(request: IncomingMessage, response: ServerResponse): void {
      const kind = kindOf(request.url ?? '/');
      const stop = duration.startTimer({ kind });
      response.once('finish', () => {
        stop();
        requests.inc({ kind, status: `${Math.floor(response.statusCode / 100)}xx` });
      });
    },
  };
}
