import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis connection that carries broadcasts between nodes. Commands wait for the connection
 * rather than fail while Redis is away (a blip, a restart): a broadcast sent meanwhile goes out
 * when it is back. Nothing depends on Redis for correctness: what a client misses it asks the
 * store for (captions by seq, the queue and room state whole, with revisions).
 */
export function openRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    // Reconnect quickly, then every second at most.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    lazyConnect: false,
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: err.message }, 'Redis is unreachable: broadcasts to other nodes wait for it');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log.info('Redis is back: broadcasts to other nodes flow again');
  });
  return redis;
}

/** Socket.IO's adapter over Redis Streams: a broadcast on any node reaches the clients of every node. */
export function clusterAdapter(redis: Redis) {
  return createAdapter(redis, { onlyPlaintext: true });
}
