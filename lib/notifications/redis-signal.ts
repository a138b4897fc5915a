import { Redis } from 'ioredis';
import type { InboxSignal } from './signal';

const redisOptions = { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000) };

/**
 * The inbox signal across hosts: one Redis channel. Connections open on first use, so a process
 * that only publishes never holds a subscriber, and one that only listens never holds a publisher.
 */
export function createRedisSignal(url: string, channel: string): InboxSignal {
  let publisher: Redis | null = null;
  let subscriber: Redis | null = null;
  const listeners = new Set<(userIds: string[] | 'all') => void>();
  const tell = (change: string[] | 'all') => {
    for (const listener of listeners) listener(change);
  };

  const listen = () => {
    if (subscriber) return;
    const connection = new Redis(url, { ...redisOptions, enableOfflineQueue: true, connectionName: `${channel}-sub-${process.pid}` });
    subscriber = connection;
    connection.on('error', () => {
      /* reconnects by itself; streams re-check on their slow timer meanwhile */
    });
    let everReady = false;
    // After a reconnect, signals sent while away are lost: everyone re-checks once.
    connection.on('ready', () => {
      if (everReady) tell('all');
      everReady = true;
    });
    connection.on('message', (_channel: string, message: string) => {
      try {
        const ids = (JSON.parse(message) as unknown[]).filter((id): id is string => typeof id === 'string');
        if (ids.length > 0) tell(ids);
      } catch {
        tell('all');
      }
    });
    // The first command opens the connection; ioredis subscribes again by itself after a reconnect.
    void connection.subscribe(channel).catch(() => {});
  };

  return {
    publish(userIds) {
      if (userIds.length === 0) return;
      if (!publisher) {
        publisher = new Redis(url, { ...redisOptions, enableOfflineQueue: true, connectionName: `${channel}-pub-${process.pid}` });
        publisher.on('error', () => {});
      }
      void publisher.publish(channel, JSON.stringify([...new Set(userIds)])).catch(() => {});
    },
    subscribe(onChange) {
      listeners.add(onChange);
      listen();
      return () => listeners.delete(onChange);
    },
    async close() {
      await Promise.all([publisher, subscriber].map((connection) => connection?.quit().catch(() => connection.disconnect())));
      publisher = subscriber = null;
    },
  };
}
