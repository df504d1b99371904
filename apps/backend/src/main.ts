import { backendConfigFrom, loadDotEnv } from '@herald/config';
import { closeOnStopSignals, createLogger, runMain } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startBackendServer } from './server';

async function main(): Promise<void> {
  loadDotEnv();
  const config = backendConfigFrom(process.env, true);
  const logger = createLogger('backend', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const server = await startBackendServer(config, logger);

  closeOnStopSignals(logger, 'draining requests and shutting down', () => server.close());
}

runMain('backend', main);
