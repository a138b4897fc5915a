import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommitReport } from '../../lib/storage/storage';

/** The collab server's numbers, in Prometheus text on `/metrics`: what operators and `bench:collab` both read. */
export function createCollabMetrics() {
  const registry = new Registry();
  // Process CPU, memory, and event-loop delay (nodejs_eventloop_lag_*), sampled by prom-client.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const updates = new Counter({ name: 'collab_updates_total', help: 'Updates accepted from writers and appended to the log', registers: [registry] });
  const commits = new Counter({ name: 'collab_commits_total', help: 'Log transactions committed (each is one fsync)', registers: [registry] });
  const batch = new Histogram({
    name: 'collab_commit_batch_size',
    help: 'Updates written per commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'collab_commit_seconds',
    help: 'Time spent in one commit',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
    registers: [registry],
  });
  const rooms = new Gauge({ name: 'collab_rooms', help: 'Rooms loaded', registers: [registry] });
  const connections = new Gauge({ name: 'collab_connections', help: 'Open WebSocket connections', registers: [registry] });
  const fanoutOut = new Counter({ name: 'collab_fanout_published_total', help: 'Messages published to the other instances (Redis)', registers: [registry] });
  const fanoutIn = new Counter({ name: 'collab_fanout_received_total', help: 'Messages received from other instances (Redis)', registers: [registry] });
  const fanoutLag = new Histogram({
    name: 'collab_fanout_lag_seconds',
    help: 'From another instance publishing a message to this one receiving it (clocks of one host or NTP-synced hosts)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });

  return {
    registry,
    onUpdate: () => updates.inc(),
    onCommit: (report: CommitReport) => {
      commits.inc();
      batch.observe(report.jobs);
      latency.observe(report.durationMs / 1000);
    },
    onFanout: (event: { direction: 'out' } | { direction: 'in'; lagMs: number }) => {
      if (event.direction === 'out') return fanoutOut.inc();
      fanoutIn.inc();
      fanoutLag.observe(event.lagMs / 1000);
    },
    setRooms: (n: number) => rooms.set(n),
    setConnections: (n: number) => connections.set(n),
    /** Serves GET /metrics; returns false for any other request. */
    route(request: IncomingMessage, response: ServerResponse): boolean {
      if (request.url !== '/metrics') return false;
      void registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      });
      return true;
    },
  };
}

export type CollabMetrics = ReturnType<typeof createCollabMetrics>;
