import { cronConfigFrom, loadDotEnv } from '@herald/config';
import { closeOnStopSignals, createLogger, runMain } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startCronApp } from './cron-app';

async function main(): Promise<void> {
  loadDotEnv();
  const config = cronConfigFrom(process.env, true);
  const logger = createLogger('cron', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const app = startCronApp(config, { logger });
  closeOnStopSignals(logger, 'stopping cron', () => app.close());
}

runMain('cron', main);
