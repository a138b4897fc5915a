import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../log';
import { decodeFanoutMessage, encodeFanoutMessage, type Fanout, type FanoutHandler } from './fanout';

export interface RedisFanoutOptions {
  url: string;
  /** Namespaces channels and keys, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  instanceId?: string;
  /** How long an instance's heartbeat key lives; peers are gone once it lapses. */
  heartbeatTtlMs?: number;
  /** How often this instance renews its key and checks its peers'. */
  heartbeatEveryMs?: number;
  log?: Log;
  /** Hears each message this instance publishes and each one it receives from another, with the bus's lag. */
  onTraffic?: (event: { direction: 'out' } | { direction: 'in'; lagMs: number }) => void;
}

/**
 * Fan-out over Redis pub/sub: one connection publishes and keeps the heartbeat, one subscribes
 * (a subscribed connection can do nothing else). ioredis reconnects and re-subscribes by itself;
 * every re-subscription is a gap, so rooms resync from the store.
 */
export async function createRedisFanout(options: RedisFanoutOptions): Promise<Fanout> {
  const prefix = options.prefix ?? 'scriptorium';
  const instanceId = options.instanceId ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const ttlMs = options.heartbeatTtlMs ?? 10_000;
  const everyMs = options.heartbeatEveryMs ?? 2_000;
  const log = options.log ?? (() => {});
  const channelOf = (manuscriptId: string) => `${prefix}:m:${manuscriptId}`;
  const heartbeatKey = (id: string) => `${prefix}:instance:${id}`;

  const redisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000) };
  // Named, so an operator (or a test) can tell the connections apart in CLIENT LIST.
  const publisher = new Redis(options.url, { ...redisOptions, connectionName: `${prefix}-${instanceId}-pub` });
  const subscriber = new Redis(options.url, { ...redisOptions, enableOfflineQueue: true, connectionName: `${prefix}-${instanceId}-sub` });
  const handlers = new Map<string, FanoutHandler>();
  /** Instances heard from, checked for a lapsed heartbeat. */
  const peers = new Set<string>();
  const resyncListeners: (() => void)[] = [];
  const goneListeners: ((id: string) => void)[] = [];
  let subscriberReady = false;
  let publisherReady = false;
  let everReady = false;
  let closed = false;

  for (const connection of [publisher, subscriber]) connection.on('error', (error: Error) => log(`redis: ${error.message}`, { level: 'warn' }));
  publisher.on('ready', () => (publisherReady = true));
  publisher.on('close', () => (publisherReady = false));
  subscriber.on('close', () => (subscriberReady = false));
  subscriber.on('ready', () => {
    subscriberReady = true;
    // The first ready is the start; any later one follows a gap in which messages may have been lost.
    if (everReady) {
      log('redis: subscriber reconnected, resyncing rooms from the store');
      for (const listener of resyncListeners) listener();
    }
    everReady = true;
  });
  subscriber.on('messageBuffer', (channel: Buffer, bytes: Buffer) => {
    const manuscriptId = channel.toString().slice(prefix.length + 3);
    const handler = handlers.get(manuscriptId);
    if (!handler) return;
    let decoded: ReturnType<typeof decodeFanoutMessage>;
    try {
      decoded = decodeFanoutMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      return log(`redis: dropped a malformed message on ${manuscriptId}: ${(error as Error).message}`, { manuscriptId, level: 'warn' });
    }
    if (decoded.from === instanceId) return;
    peers.add(decoded.from);
    options.onTraffic?.({ direction: 'in', lagMs: Math.max(0, Date.now() - decoded.sentAt) });
    handler(decoded.message, decoded.from);
  });

  const beat = async () => {
    if (closed) return;
    try {
      await publisher.set(heartbeatKey(instanceId), '1', 'PX', ttlMs);
      const known = [...peers];
      if (known.length === 0) return;
      const alive = await publisher.mget(known.map(heartbeatKey));
      known.forEach((peer, index) => {
        if (alive[index] !== null) return;
        peers.delete(peer);
        log(`instance ${peer} stopped beating`, { instanceId: peer, level: 'warn' });
        for (const listener of goneListeners) listener(peer);
        // It may have stored updates it never published.
        for (const listener of resyncListeners) listener();
      });
    } catch (error) {
      log(`redis heartbeat: ${(error as Error).message}`, { level: 'warn' });
    }
  };
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();

  await Promise.all([publisher.connect(), subscriber.connect()]);
  await beat();

  return {
    instanceId,
    get ready() {
      return publisherReady && subscriberReady && !closed;
    },
    async join(manuscriptId, handler) {
      handlers.set(manuscriptId, handler);
      await subscriber.subscribe(channelOf(manuscriptId));
    },
    async leave(manuscriptId) {
      handlers.delete(manuscriptId);
      if (subscriberReady) await subscriber.unsubscribe(channelOf(manuscriptId)).catch(() => {});
    },
    publish(manuscriptId, message) {
      // At most once: a publish lost while Redis is away is made good by the peers' resync.
      options.onTraffic?.({ direction: 'out' });
      publisher.publish(channelOf(manuscriptId), Buffer.from(encodeFanoutMessage(instanceId, message))).catch((error: Error) => log(`redis publish: ${error.message}`, { manuscriptId, level: 'warn' }));
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    onPeerGone(listener) {
      goneListeners.push(listener);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await publisher.del(heartbeatKey(instanceId)).catch(() => {});
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
