import 'reflect-metadata';
import type { BackendConfig } from '@herald/config';
import { collectStartupGarbage, createRedis, type Logger } from '@herald/core';
import { createDatabase } from '@herald/database';
import { createBackendApp } from './app.factory';

export interface BackendServer {
  port: number;
  /** Stops accepting connections, lets the requests in flight finish, then closes Nest, the pool and Redis. */
  close(): Promise<void>;
}

/** The API on `config.port`, with its own pool and Redis connection (main.ts and the all-in-one process). */
export async function startBackendServer(config: BackendConfig, logger: Logger): Promise<BackendServer> {
  const db = createDatabase(config.databaseUrl, { max: config.databasePoolMax ?? 10 });
  const redis = createRedis(config.redisUrl, 'backend');
  const app = await createBackendApp({ config, db, redis, logger });
  await app.listen(config.port);
  logger.info({ port: config.port }, `backend listening on http://localhost:${config.port}`);
  const cancelCollection = collectStartupGarbage();
  let closing: Promise<void> | undefined;
  return {
    port: config.port,
    close: () => {
      // Stop accepting first and let the requests in flight finish (idle keep-alive sockets are closed at
      // once), then shut the modules down: Nest's own order would close the queue while requests still run.
      closing ??= (async () => {
        cancelCollection();
        const server = app.getHttpServer();
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await drained;
        await app.close().catch(() => undefined);
        await Promise.allSettled([db.$disconnect(), redis.quit()]);
      })();
      return closing;
    },
  };
}
