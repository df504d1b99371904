import { type ConnectionOptions, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { type DeliverWebhookPayload, JOBS, QUEUES, REDIS_PREFIX } from './queue-names';

export interface WebhookRetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first retry waits this long; each later one twice as long as the one before. */
  backoffMs: number;
}

/** 8 attempts over about 40 minutes (30 s, 1 min, 2 min, ... 32 min). */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { attempts: 8, backoffMs: 30_000 };

/** Where emitted events go: one `deliver-webhook` job per delivery row. */
export interface WebhookDeliveryJobs {
  enqueue(deliveryIds: readonly string[]): Promise<void>;
}

export interface WebhookQueueOptions {
  prefix?: string;
  retry?: WebhookRetryPolicy;
}

/** The enqueue side of the `webhooks` queue. The job id is the delivery id, so a delivery is never queued twice. */
export class WebhookDeliveryQueue implements WebhookDeliveryJobs {
  private readonly queue: Queue<DeliverWebhookPayload, unknown, string>;
  private readonly retry: WebhookRetryPolicy;

  constructor(connection: ConnectionOptions, options: WebhookQueueOptions = {}) {
    this.queue = new Queue(QUEUES.webhooks, { connection, prefix: options.prefix ?? REDIS_PREFIX });
    this.retry = options.retry ?? DEFAULT_WEBHOOK_RETRY;
  }

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: JOBS.deliverWebhook,
        data: { deliveryId },
        opts: {
          jobId: deliveryId,
          attempts: this.retry.attempts,
          backoff: { type: 'exponential', delay: this.retry.backoffMs },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** A delivery attempt's verdict: done (delivered, or nothing left to do), retry later, or give up now. */
export type DeliveryVerdict = { kind: 'done' } | { kind: 'retry'; reason: string } | { kind: 'give_up'; reason: string };

export type DeliverWebhookHandler = (payload: DeliverWebhookPayload, attempt: { number: number; isLast: boolean }) => Promise<DeliveryVerdict>;

export interface WebhookWorkerOptions {
  connection: ConnectionOptions;
  concurrency?: number;
  prefix?: string;
  autorun?: boolean;
}

/** The consumer of the `webhooks` queue: a failed attempt throws, so BullMQ retries it with the job's backoff. */
export function createWebhookWorker(handler: DeliverWebhookHandler, options: WebhookWorkerOptions): Worker<DeliverWebhookPayload, void, string> {
  const processor = async (job: Job<DeliverWebhookPayload, void, string>): Promise<void> => {
    const number = job.attemptsMade + 1;
    const verdict = await handler(job.data, { number, isLast: number >= (job.opts.attempts ?? 1) });
    if (verdict.kind === 'retry') throw new Error(verdict.reason);
    if (verdict.kind === 'give_up') throw new UnrecoverableError(verdict.reason);
  };
  return new Worker<DeliverWebhookPayload, void, string>(QUEUES.webhooks, processor, {
    connection: options.connection,
    prefix: options.prefix ?? REDIS_PREFIX,
    concurrency: options.concurrency ?? 5,
    autorun: options.autorun ?? true,
  });
}
