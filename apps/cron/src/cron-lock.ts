import { randomUUID } from 'node:crypto';
import type { createRedis } from '@herald/core';

type Redis = ReturnType<typeof createRedis>;

/**
 * One run per tick across every cron instance: the first to SET the tick's key runs it, the others skip. The key
 * expires with the tick, so a crashed holder blocks nothing for long. Losing Redis only means one extra run, and
 * every task is idempotent.
 */
export class CronLock {
  private readonly token = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async tryAcquire(task: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(`${this.prefix}:cron:${task}`, this.token, 'PX', Math.max(1, Math.floor(ttlMs)), 'NX');
    return result === 'OK';
  }
}
