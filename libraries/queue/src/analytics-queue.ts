import { type ConnectionOptions, DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { analyticsJobId, type CollectAnalyticsPayload, JOBS, QUEUES, REDIS_PREFIX } from './queue-names';

// A job whose handler throws (a database blip) is tried again with backoff; a platform's rate limit is not an error:
// the handler says "later" and the job waits, under its own id, until the window the platform named has reset.
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 30_000 } } as const;

export interface AnalyticsQueueOptions {
  prefix?: string;
  onError?: (error: Error) => void;
}

/** The enqueue side of the `analytics` queue (the cron). */
export class AnalyticsQueue {
  private readonly queue: Queue<CollectAnalyticsPayload, unknown, string>;

  constructor(connection: Redis, options: AnalyticsQueueOptions = {}) {
    this.queue = new Queue(QUEUES.analytics, { connection, prefix: options.prefix ?? REDIS_PREFIX });
    this.queue.on('error', options.onError ?? (() => undefined));
  }

  /** Queues each channel's job after its delay; a channel whose job still waits (or runs) keeps it. Returns how many were added. */
  async enqueue(jobs: readonly { integrationId: string; delayMs: number }[]): Promise<number> {
    if (jobs.length === 0) return 0;
    const added = await this.queue.addBulk(
      jobs.map((j) => ({ name: JOBS.collectAnalytics, data: { integrationId: j.integrationId }, opts: { ...JOB_OPTIONS, jobId: analyticsJobId(j.integrationId), delay: Math.max(0, j.delayMs) } })),
    );
    return added.length;
  }

  /** Jobs waiting or delayed, for tests and diagnostics. */
  async pending(): Promise<{ integrationId: string; delay: number }[]> {
    const jobs = await this.queue.getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.map((j) => ({ integrationId: j.data.integrationId, delay: j.delay }));
  }

  async drain(): Promise<void> {
    await this.queue.drain(true);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** A handler's verdict: done, or run again at `at` (a rate limit's reset). */
export type AnalyticsJobVerdict = { kind: 'done' } | { kind: 'later'; at: Date };
export type AnalyticsJobHandler = (payload: CollectAnalyticsPayload) => Promise<AnalyticsJobVerdict>;

export interface AnalyticsWorkerOptions {
  connection: ConnectionOptions;
  prefix?: string;
  concurrency?: number;
}

export function createAnalyticsWorker(handler: AnalyticsJobHandler, options: AnalyticsWorkerOptions): Worker<CollectAnalyticsPayload, void, string> {
  const processor = async (job: Job<CollectAnalyticsPayload, void, string>, token?: string): Promise<void> => {
    const verdict = await handler(job.data);
    if (verdict.kind === 'done') return;
    await job.moveToDelayed(Math.max(verdict.at.getTime(), Date.now()), token);
    throw new DelayedError();
  };
  return new Worker<CollectAnalyticsPayload, void, string>(QUEUES.analytics, processor, {
    connection: options.connection,
    prefix: options.prefix ?? REDIS_PREFIX,
    concurrency: options.concurrency ?? 4,
  });
}
