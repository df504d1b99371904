import Redis, { type RedisOptions } from 'ioredis';

/** A Redis connection with Herald's defaults. BullMQ workers need `forQueue: true` (no per-command retry cap). */
export function createRedis(url: string, name: string, options: { forQueue?: boolean } & RedisOptions = {}): Redis {
  const { forQueue, ...rest } = options;
  return new Redis(url, {
    connectionName: `herald-${name}`,
    maxRetriesPerRequest: forQueue ? null : 2,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...rest,
  });
}
