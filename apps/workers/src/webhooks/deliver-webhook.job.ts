import { DeliverWebhook, type Logger } from '@herald/core';
import { createWebhookWorker, type DeliverWebhookHandler, type WebhookWorkerOptions } from '@herald/queue';
import type { TokenCipher } from '@herald/crypto';
import { type Database, WebhooksRepository } from '@herald/database';

/** `deliver-webhook`: one delivery attempt by the use case; a failed attempt is retried with the job's backoff. */
export function deliverWebhookJob(deliver: DeliverWebhook): DeliverWebhookHandler {
  return (payload, attempt) => deliver.run(payload.deliveryId, attempt);
}

export interface WebhookWorkerDeps {
  db: Database;
  /** A queue connection (`createRedis(url, name, { forQueue: true })`). */
  connection: WebhookWorkerOptions['connection'];
  cipher: TokenCipher;
  logger: Logger;
  prefix?: string;
  concurrency?: number;
  /** Receivers on loopback or private networks (off in production). */
  allowPrivate?: boolean;
}

export interface WebhookWorkerHandle {
  close(): Promise<void>;
}

/** Starts the consumer of the `webhooks` queue. The retry policy is set by whoever queues (WebhookDeliveryQueue). */
export async function startWebhookWorker(deps: WebhookWorkerDeps): Promise<WebhookWorkerHandle> {
  const deliver = new DeliverWebhook({
    webhooks: new WebhooksRepository(deps.db),
    cipher: deps.cipher,
    now: () => new Date(),
    logger: deps.logger,
    allowPrivate: deps.allowPrivate ?? false,
  });
  const worker = createWebhookWorker(deliverWebhookJob(deliver), { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency });
  worker.on('error', (error) => deps.logger.error({ err: error }, 'webhook worker error'));
  await worker.waitUntilReady();
  deps.logger.info('webhook worker ready');
  return { close: () => worker.close() };
}
