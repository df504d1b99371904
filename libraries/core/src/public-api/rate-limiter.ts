import type Redis from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (Retry-After when refused). */
  resetSeconds: number;
}

/**
 * A fixed-window counter in Redis under `herald:throttle:`: the first hit of a window sets its expiry, and every
 * hit (refused ones too) counts, so hammering a closed window does not reopen it early.
 */
export class RedisRateLimiter {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const fullKey = `herald:throttle:${key}`;
    const results = await this.redis.multi().incr(fullKey).expire(fullKey, windowSeconds, 'NX').ttl(fullKey).exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
    const resetSeconds = ttl > 0 ? ttl : windowSeconds;
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
  }
}
