import 'reflect-metadata';
import { backendConfigFrom, loadDotEnv } from '@herald/config';
import { createLogger, createRedis } from '@herald/core';
import { createDatabase, runMigrations } from '@herald/database';
import { createBackendApp } from './app.factory';

async function main(): Promise<void> {
  loadDotEnv();
  const config = backendConfigFrom(process.env, true);
  const logger = createLogger('backend', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const db = createDatabase(config.databaseUrl);
  const redis = createRedis(config.redisUrl, 'backend');
  const app = await createBackendApp({ config, db, redis, logger });
  await app.listen(config.port);
  logger.info({ port: config.port }, `backend listening on http://localhost:${config.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining requests and shutting down');
    // Stop accepting first and let the requests in flight finish (idle keep-alive sockets are closed at
    // once), then shut the modules down: Nest's own order would close the queue while requests still run.
    const server = app.getHttpServer();
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await drained;
    await app.close().catch(() => undefined);
    await Promise.allSettled([db.$disconnect(), redis.quit()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`backend failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
