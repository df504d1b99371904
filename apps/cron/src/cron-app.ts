import type { CronConfig } from '@herald/config';
import {
  Cleanup,
  CollectAnalytics,
  cleanUpDeletedMedia,
  cleanUpUnusedFiles,
  createMediaStorage,
  createAlertRaiser,
  createProviderRegistry,
  createRedis,
  createWebhookEmitter,
  EmailQueue,
  type Logger,
  publishingOptions,
  type PublishingDeps,
  ChannelTokenManager,
  RepeatSeries,
  rotateSecrets,
  ScheduleAnalytics,
  ResolveStaleLeases,
  SweepDuePosts,
  sweepPendingAlerts,
  startHeartbeat,
} from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { AnalyticsRepository, createDatabase, EmailAlertsRepository, MediaRepository, PostCopiesRepository, publishingRepositories, SecretsRepository, WebhooksRepository } from '@herald/database';
import type { ProviderDeps } from '@herald/providers';
import { AnalyticsQueue, bumpCalendarEpoch, PublishScheduler, REDIS_PREFIX, WebhookDeliveryQueue } from '@herald/queue';
import { CronLock } from './cron-lock';
import { type CronIntervals, type CronTask, cronTasks, DEFAULT_CRON_INTERVALS } from './cron-tasks';

export interface CronAppOptions {
  logger: Logger;
  intervals?: Partial<CronIntervals>;
  providerDeps?: Partial<ProviderDeps>;
  prefix?: string;
}

export interface CronApp {
  /** Runs one task now, under the same lock as its timer (for tests and `doctor`). */
  runOnce(name: string): Promise<boolean>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 3600_000;

/** A task's result counts something it did (a number, or an object of counts, above zero). */
function changedSomething(result: unknown): boolean {
  if (typeof result === 'number') return result > 0;
  if (typeof result === 'object' && result !== null) return Object.values(result).some((v) => typeof v === 'number' && v > 0);
  return false;
}

export function startCronApp(config: CronConfig, options: CronAppOptions): CronApp {
  const { logger } = options;
  const prefix = options.prefix ?? REDIS_PREFIX;
  const db = createDatabase(config.databaseUrl, { max: config.databasePoolMax ?? 4 });
  const redis = createRedis(config.redisUrl, 'cron');
  const queueRedis = createRedis(config.redisUrl, 'cron-queue', { forQueue: true });
  const jobs = new PublishScheduler(queueRedis, { prefix });
  const webhookQueue = new WebhookDeliveryQueue(queueRedis, { prefix });
  const emailQueue = config.email ? new EmailQueue(queueRedis, { prefix }) : undefined;
  const alertDeps = emailQueue ? { alerts: new EmailAlertsRepository(db), jobs: emailQueue, logger } : undefined;
  const repeat = new RepeatSeries({ copies: new PostCopiesRepository(db), jobs, logger, now: () => new Date() });
  const storage = createMediaStorage(config);
  const webhooks = new WebhooksRepository(db);
  const deps: PublishingDeps = {
    ...publishingRepositories(db),
    providers: createProviderRegistry(config, options.providerDeps),
    cipher: new TokenCipher(config.encryption.currentKey, config.encryption.previousKeys),
    media: storage,
    jobs,
    logger,
    options: publishingOptions(),
    now: () => new Date(),
    events: createWebhookEmitter({ webhooks, jobs: webhookQueue, logger }),
    ...(alertDeps ? { alerts: createAlertRaiser(alertDeps) } : {}),
    repeat: (post) => repeat.afterPublished(post),
  };
  const analyticsQueue = new AnalyticsQueue(queueRedis, { prefix });
  const snapshots = new AnalyticsRepository(db);
  const analytics = new ScheduleAnalytics({
    collect: new CollectAnalytics({ publishing: deps, snapshots, settings: { cadence: { x: config.analytics.x } } }),
    snapshots,
    jobs: analyticsQueue,
    logger,
    now: () => new Date(),
    retentionDays: config.analytics.retentionDays,
  });
  const media = { media: new MediaRepository(db), storage };
  const tasks = cronTasks(
    {
      sweep: new SweepDuePosts(deps),
      staleLeases: new ResolveStaleLeases(deps),
      refresh: new ChannelTokenManager(deps),
      cleanup: new Cleanup({ ...deps, webhooks }, async (now) => {
        const cutoff = new Date(now.getTime() - config.mediaRetentionDays * DAY_MS);
        return (await cleanUpDeletedMedia(media, { deletedBefore: cutoff })) + (await cleanUpUnusedFiles(media, { olderThan: cutoff }));
      }),
      ...(alertDeps ? { alerts: () => sweepPendingAlerts(alertDeps) } : {}),
      repeat,
      rotateSecrets: () => rotateSecrets({ secrets: new SecretsRepository(db), cipher: deps.cipher, logger }, { batchSize: 100, maxBatches: 5 }),
      analytics,
    },
    { ...DEFAULT_CRON_INTERVALS, ...options.intervals },
  );
  const lock = new CronLock(redis, prefix);
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let closed = false;

  const tick = async (task: CronTask): Promise<boolean> => {
    // Slightly shorter than the period, so the next tick of any instance may take it.
    if (!(await lock.tryAcquire(task.name, task.everyMs * 0.9))) return false;
    const result = await task.run();
    logger.debug({ task: task.name, result }, 'cron task done');
    // A task that changed something may have changed posts of any organization: every cached calendar goes stale.
    if (changedSomething(result)) await bumpCalendarEpoch(redis).catch((error: unknown) => logger.warn({ err: error }, 'calendar cache epoch not bumped'));
    return true;
  };

  const schedule = (task: CronTask, delayMs: number) => {
    if (closed) return;
    const timer = setTimeout(() => {
      const run = tick(task)
        .catch((error: unknown) => logger.error({ err: error, task: task.name }, 'cron task failed'))
        .finally(() => {
          running.delete(run);
          schedule(task, task.everyMs);
        });
      running.add(run);
    }, delayMs);
    timers.set(task.name, timer);
  };
  // Spread the first runs a little, so instances started together do not all knock at once.
  for (const task of tasks) schedule(task, Math.floor(Math.random() * Math.min(task.everyMs, 5_000)));
  const stopHeartbeat = startHeartbeat(redis, 'cron', (error) => logger.warn({ err: error }, 'heartbeat failed'));
  logger.info({ tasks: tasks.map((t) => ({ name: t.name, everyMs: t.everyMs })) }, 'cron started');

  return {
    runOnce: async (name) => {
      const task = tasks.find((t) => t.name === name);
      if (!task) throw new Error(`unknown cron task ${name}`);
      const result = await task.run();
      logger.debug({ task: name, result }, 'cron task run on demand');
      return true;
    },
    close: async () => {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.allSettled([...running]);
      await stopHeartbeat();
      await jobs.close();
      await webhookQueue.close();
      await emailQueue?.close();
      await analyticsQueue.close();
      await db.$disconnect();
      redis.disconnect();
      queueRedis.disconnect();
      storage.close();
    },
  };
}
