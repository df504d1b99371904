// The cron process for the chaos run: the built cron app (apps/cron/dist) with its sweep and stale-lease intervals
// shortened through HERALD_CHAOS_CRON_INTERVALS, so posts whose jobs Redis lost are re-queued within seconds.
const path = require('node:path');
const { createRequire } = require('node:module');

const root = path.resolve(__dirname, '..', '..');
const requireCron = createRequire(path.join(root, 'apps/cron/package.json'));
const { cronConfigFrom } = requireCron('@herald/config');
const { createLogger } = requireCron('@herald/core');
const { startCronApp } = require(path.join(root, 'apps/cron/dist/cron-app.js'));

const config = cronConfigFrom(process.env, true);
const intervals = JSON.parse(process.env.HERALD_CHAOS_CRON_INTERVALS ?? '{}');
const logger = createLogger('cron', config.logLevel);
const app = startCronApp(config, { logger, intervals });
process.stdout.write('chaos cron ready\n');
process.once('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
