// HERALD_PROCESSES=all-in-one: the API, the publishing workers and the cron in one Node process, for a single small
// server (`npm start` runs this by default; docker-compose.yml offers it as the `all-in-one` profile). Each part is
// the same code as its own process, with its own Postgres pool and Redis connections: the posts' leases in Postgres
// and the cron's Redis locks hold exactly as between separate processes, so this process can also run beside
// separate workers. SIGTERM: stop accepting HTTP and drain the requests, stop the cron's timers (a running task
// finishes), and let the running publish jobs finish or release their lease; then exit 0.
import { allInOneConfigFrom, loadDotEnv } from '@herald/config';
import { closeOnStopSignals, createLogger, runMain } from '@herald/core';
import { runMigrations } from '@herald/database';
import { startBackendServer } from '@herald/backend/dist/server';
import { startCronApp } from '@herald/cron/dist/cron-app';
import { startWorkersApp } from '@herald/workers/dist/workers-app';

async function main(): Promise<void> {
  loadDotEnv();
  // Every variable of the three apps is checked before anything starts.
  const config = allInOneConfigFrom(process.env, true);
  const logger = createLogger('herald', config.logLevel);
  await runMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const workers = await startWorkersApp(config, { logger: logger.child({ part: 'workers' }) });
  const cron = startCronApp(config, { logger: logger.child({ part: 'cron' }) });
  const backend = await startBackendServer(config, logger.child({ part: 'backend' }));
  logger.info({ port: backend.port, workerConcurrency: config.concurrency }, 'herald all-in-one ready');

  closeOnStopSignals(logger, 'stopping: no new requests, no new jobs, no new cron runs', () => Promise.all([backend.close(), cron.close(), workers.close()]));
}

runMain('herald', main);
