// A publish worker in its own process, for the multi-process and kill -9 specs and the bench. Its environment is
// the workers' (validated as in main.ts); HERALD_TEST_WORKER_OPTIONS shortens the engine's waits.
import { workersConfigFrom } from '@herald/config';
import { createLogger, type PublishingOptions } from '@herald/core';
import { startWorkersApp } from '../../src/workers-app';

interface TestWorkerOptions {
  publishing?: Partial<PublishingOptions>;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

async function main(): Promise<void> {
  const config = workersConfigFrom(process.env, true);
  const options = JSON.parse(process.env.HERALD_TEST_WORKER_OPTIONS ?? '{}') as TestWorkerOptions;
  const logger = createLogger('workers', config.logLevel);
  const app = await startWorkersApp(config, { logger, ...options });
  process.send?.({ ready: app.owner });
  process.once('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
