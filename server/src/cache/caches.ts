import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { readCache, type ReadCache } from './read-cache.js';
import { connectRedis, redisKeyValueCache } from './redis.js';

export interface CacheOptions {
  dataSource: DataSource;
  /** REDIS_URL: share cached responses and persisted queries between instances. */
  redisUrl?: string;
  /** Whether to serve repeated reads from the response cache. */
  readCache: boolean;
  log: (message: string) => void;
}

/**
 * The server's caches, wired for the app: the response cache (asked by /graphql before Apollo), Apollo's
 * own cache (persisted queries) on Redis when there is one, and a plugin that disconnects Redis
 * when Apollo stops.
 */
export function createCaches({ dataSource, redisUrl, readCache: enabled, log }: CacheOptions): {
  /** Absent when the read cache is off. */
  readCache: ReadCache | undefined;
  apolloCache: ReturnType<typeof redisKeyValueCache> | undefined;
  plugin: ApolloServerPlugin;
} {
  const redis = redisUrl ? connectRedis(redisUrl, log) : undefined;
  return {
    readCache: enabled ? readCache(dataSource, { redis }) : undefined,
    apolloCache: redis ? redisKeyValueCache(redis, 'plan-atlas:apollo:') : undefined,
    plugin: {
      async serverWillStart() {
        return {
          async serverWillStop() {
            redis?.disconnect();
          },
        };
      },
    },
  };
}
