import { loadDotEnv, workersConfigFrom } from '@herald/config';
import { closeOnStopSignals, createLogger, runMain } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startWorkersApp } from './workers-app';

// Platform certificates (the sandbox CA included) are trusted through NODE_EXTRA_CA_CERTS: TLS checks stay on.
async function main(): Promise<void> {
  loadDotEnv();
  const config = workersConfigFrom(process.env, true);
  const logger = createLogger('workers', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const app = await startWorkersApp(config, { logger });
  closeOnStopSignals(logger, 'stopping: no new jobs; running ones finish or release their lease', () => app.close());
}

runMain('workers', main);
