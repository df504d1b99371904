// A publish worker process for the chaos run: the built workers app (apps/workers/dist), as main.ts starts it, but
// with the engine's waits shortened through HERALD_CHAOS_OPTIONS (lease, backoff, outcome checks) so a run that
// kills workers and restarts Redis and Postgres settles in minutes instead of hours.
const path = require('node:path');
const { createRequire } = require('node:module');

const root = path.resolve(__dirname, '..', '..');
const requireWorkers = createRequire(path.join(root, 'apps/workers/package.json'));
const { workersConfigFrom } = requireWorkers('@herald/config');
const { createLogger } = requireWorkers('@herald/core');
const { startWorkersApp } = require(path.join(root, 'apps/workers/dist/workers-app.js'));

async function main() {
  const config = workersConfigFrom(process.env, true);
  const options = JSON.parse(process.env.HERALD_CHAOS_OPTIONS ?? '{}');
  const logger = createLogger('workers', config.logLevel);
  const app = await startWorkersApp(config, { logger, ...options });
  process.stdout.write(`chaos worker ready ${app.owner}\n`);
  process.once('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error) => {
  process.stderr.write(`chaos worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
