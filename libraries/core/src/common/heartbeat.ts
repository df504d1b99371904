import { hostname } from 'node:os';
import type Redis from 'ioredis';

const EVERY_MS = 15_000;
const TTL_SECONDS = 60;

/**
 * For processes without an HTTP port (workers, cron): `herald:heartbeat:<app>:<host>` is refreshed while the
 * event loop turns, so a container healthcheck (scripts/healthcheck.mjs heartbeat <app>) can tell a hung process.
 */
export function startHeartbeat(redis: Redis, app: string, onError?: (error: unknown) => void): () => Promise<void> {
  const key = `herald:heartbeat:${app}:${hostname()}`;
  const beat = () => redis.set(key, new Date().toISOString(), 'EX', TTL_SECONDS).catch((error: unknown) => onError?.(error));
  void beat();
  const timer = setInterval(() => void beat(), EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.del(key).catch(() => undefined);
  };
}
