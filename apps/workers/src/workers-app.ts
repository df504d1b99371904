import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WorkersConfig } from '@herald/config';
import {
  analyticsVerdict,
  CollectAnalytics,
  createAlertRaiser,
  createProviderRegistry,
  createRedis,
  createWebhookEmitter,
  type Logger,
  publishingOptions,
  type PublishingDeps,
  type PublishingOptions,
  PublishPost,
  EmailQueue,
  createMediaStorage,
  RepeatSeries,
  startHeartbeat,
} from '@herald/core';
import { TokenCipher } from '@herald/crypto';
import { AnalyticsRepository, createDatabase, EmailAlertsRepository, PostCopiesRepository, publishingRepositories, WebhooksRepository } from '@herald/database';
import { type ProviderDeps, WarmAgent } from '@herald/providers';
import { createAnalyticsWorker, createPublishWorker, PUBLISH_ARM_LEAD_MS, publishChangedChannel, PublishScheduler, REDIS_PREFIX, WebhookDeliveryQueue } from '@herald/queue';
import { publishPostJob } from './publish-post.job';
import { startEmailWorker } from './email/send-email.job';
import { startWebhookWorker } from './webhooks/deliver-webhook.job';

const X_IDLE_SOCKET_MS = 1_000;
// Connections for the tweets of an instant are opened this long before it (their TLS handshakes off the burst).
const X_WARM_LEAD_MS = 500;
// Jobs a worker holds while they wait for their minute, on top of those it publishes (WORKER_CONCURRENCY). A waiting
// job costs a timer and its post in memory.
const ARMED_JOBS = 1_000;

export interface WorkersAppOptions {
  logger: Logger;
  publishing?: Partial<PublishingOptions>;
  /** Tests pin the sandbox CA here; production trusts it through NODE_EXTRA_CA_CERTS. */
  providerDeps?: Partial<ProviderDeps>;
  prefix?: string;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Also consume the `webhooks` queue (default true). */
  webhooks?: boolean;
  /** At most one alert email per person in this time (tests shorten the 10 minutes). */
  alertWindowMs?: number;
  /** Also consume the `analytics` queue (default true). */
  analytics?: boolean;
}

export interface WorkersApp {
  owner: string;
  /** Stops taking jobs; running ones finish, or release their lease at the last safe point once `graceMs` passes. */
  close(graceMs?: number): Promise<void>;
}

export async function startWorkersApp(config: WorkersConfig, options: WorkersAppOptions): Promise<WorkersApp> {
  const { logger } = options;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const db = createDatabase(config.databaseUrl, { max: config.databasePoolMax ?? Math.min(config.concurrency + 2, 50) });
  const queueRedis = createRedis(config.redisUrl, 'workers', { forQueue: true });
  const prefix = options.prefix ?? REDIS_PREFIX;
  const jobs = new PublishScheduler(queueRedis, { prefix });
  const cipher = new TokenCipher(config.encryption.currentKey, config.encryption.previousKeys);
  const webhookQueue = new WebhookDeliveryQueue(queueRedis, { prefix });
  const emailQueue = config.email ? new EmailQueue(queueRedis, { prefix }) : undefined;
  const publishing = publishingOptions({ armLeadMs: PUBLISH_ARM_LEAD_MS, ...options.publishing });
  const repeat = new RepeatSeries({ copies: new PostCopiesRepository(db), jobs, logger, now: () => new Date() });
  const media = createMediaStorage(config);
  const publishingDeps: PublishingDeps = {
      ...publishingRepositories(db),
      // X connections are kept between calls, but never reused after 1 s idle. A server closes an idle connection
      // only after its own keep-alive timeout (seconds), so a reused socket cannot be closed under a tweet being
      // written: that would be an unknown outcome (UNCONFIRMED) for a post that never arrived. A TLS handshake costs
      // 1–3 ms of CPU on each side (measured in bench/publish), so the connections a burst of tweets will use are
      // opened half a second ahead, as many as calls run at once; those too are never used after 1 s idle.
      providers: createProviderRegistry(config, {
        httpsAgent: new WarmAgent({ maxIdleMs: X_IDLE_SOCKET_MS, leadMs: X_WARM_LEAD_MS, maxWarm: config.concurrency }),
        ...options.providerDeps,
      }),
      cipher,
      // The same UPLOAD_DIRECTORY as the backend's (a shared volume), or the same bucket: media bytes are read from there.
      media,
      jobs,
      logger,
      options: publishing,
      now: () => new Date(),
      events: createWebhookEmitter({ webhooks: new WebhooksRepository(db), jobs: webhookQueue, logger }),
      ...(emailQueue ? { alerts: createAlertRaiser({ alerts: new EmailAlertsRepository(db), jobs: emailQueue, logger, windowMs: options.alertWindowMs }) } : {}),
      repeat: (post) => repeat.afterPublished(post),
  };
  const publishPost = new PublishPost(publishingDeps, owner, { concurrency: config.concurrency });
  const worker = createPublishWorker(publishPostJob(publishPost, queueRedis), {
    connection: queueRedis,
    concurrency: config.concurrency + ARMED_JOBS,
    armLeadMs: publishing.armLeadMs,
    prefix,
    lockDurationMs: options.lockDurationMs,
    stalledIntervalMs: options.stalledIntervalMs,
  });
  // A post changed while this worker holds its job armed: the wait for its old time ends now. (A message lost with
  // a Redis outage only costs that: the lease, which requires the checked version, still decides at the old time.)
  const changes = createRedis(config.redisUrl, 'workers-changes');
  changes.on('error', (error) => logger.warn({ err: error }, 'post change channel error'));
  changes.on('message', (_channel: string, postId: string) => publishPost.nudge(postId));
  await changes.subscribe(publishChangedChannel(prefix));
  worker.on('failed', (job, error) => logger.error({ err: error, jobId: job?.id }, 'publish job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'publish worker error'));
  await worker.waitUntilReady();
  const webhookWorker = options.webhooks === false ? undefined : await startWebhookWorker({ db, connection: queueRedis, cipher, logger, prefix });
  const emailWorker = config.email ? await startEmailWorker({ db, connection: queueRedis, settings: config.email, cipher, frontendUrl: config.frontendUrl, logger, prefix, alertWindowMs: options.alertWindowMs }) : undefined;
  // Analytics reads share the publishing engine's channels, tokens and refresh path (docs/analytics.md).
  const collect = new CollectAnalytics({ publishing: publishingDeps, snapshots: new AnalyticsRepository(db), settings: { cadence: { x: config.analytics.x } } });
  const analyticsWorker =
    options.analytics === false
      ? undefined
      : createAnalyticsWorker(async (payload) => analyticsVerdict(await collect.collect(payload.integrationId)), { connection: queueRedis, prefix, concurrency: 4 });
  analyticsWorker?.on('failed', (job, error) => logger.warn({ err: error, jobId: job?.id }, 'analytics job failed'));
  analyticsWorker?.on('error', (error) => logger.error({ err: error }, 'analytics worker error'));
  await analyticsWorker?.waitUntilReady();
  const stopHeartbeat = startHeartbeat(queueRedis, 'workers', (error) => logger.warn({ err: error }, 'heartbeat failed'));
  logger.info({ owner, concurrency: config.concurrency }, 'publish worker ready');

  return {
    owner,
    close: async (graceMs = 25_000) => {
      const closing = worker.close();
      const timer = setTimeout(() => worker.cancelAllJobs('shutting down'), graceMs);
      try {
        await Promise.all([closing, webhookWorker?.close(), emailWorker?.close(), analyticsWorker?.close()]);
      } finally {
        clearTimeout(timer);
        await stopHeartbeat();
        await jobs.close();
        await webhookQueue.close();
        await emailQueue?.close();
        await db.$disconnect();
        changes.disconnect();
        queueRedis.disconnect();
        media.close();
      }
    },
  };
}
