import { Redis } from 'ioredis';

/**
 * A Redis client for caches: a cache must never make a request fail or wait, so commands fail at
 * once while Redis is unreachable (no offline queue, one retry) and callers treat that as a miss.
 */
export function connectRedis(url: string, log: (message: string) => void): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) log(`Redis (${url}) unavailable, serving without the shared cache: ${error.message}`);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}

/**
 * Apollo's KeyValueCache on Redis, for automatic persisted queries: a query registered through one
 * instance is known to all. Errors read as misses (the client then sends the full query again).
 */
export function redisKeyValueCache(redis: Redis, prefix: string) {
  return {
    async get(key: string): Promise<string | undefined> {
      return (await redis.get(prefix + key).catch(() => null)) ?? undefined;
    },
    async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
      const ttl = options?.ttl;
      await (ttl ? redis.set(prefix + key, value, 'EX', Math.ceil(ttl)) : redis.set(prefix + key, value)).catch(() => undefined);
    },
    async delete(key: string): Promise<void> {
      await redis.del(prefix + key).catch(() => undefined);
    },
  };
}
