import { cronConfigFrom, loadDotEnv } from '@herald/config';
import { createLogger } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startCronApp } from './cron-app';

async function main(): Promise<void> {
  loadDotEnv();
  const config = cronConfigFrom(process.env, true);
  const logger = createLogger('cron', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const app = startCronApp(config, { logger });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping cron');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`cron failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
