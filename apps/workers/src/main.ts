import { loadDotEnv, workersConfigFrom } from '@herald/config';
import { createLogger } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startWorkersApp } from './workers-app';

// Platform certificates (the sandbox CA included) are trusted through NODE_EXTRA_CA_CERTS: TLS checks stay on.
async function main(): Promise<void> {
  loadDotEnv();
  const config = workersConfigFrom(process.env, true);
  const logger = createLogger('workers', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const app = await startWorkersApp(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: no new jobs; running ones finish or release their lease');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`workers failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
