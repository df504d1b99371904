import { backendConfigFrom, loadDotEnv } from '@herald/config';
import { createLogger } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startBackendServer } from './server';

async function main(): Promise<void> {
  loadDotEnv();
  const config = backendConfigFrom(process.env, true);
  const logger = createLogger('backend', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const server = await startBackendServer(config, logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining requests and shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`backend failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
