import { DelayedError, type ConnectionOptions, type Job, Worker } from 'bullmq';
import { PUBLISH_ARM_LEAD_MS, QUEUES, type PublishPostPayload, REDIS_PREFIX } from './queue-names';

/** A handler's verdict: the job is finished, or the same job must run again at `at` (same id, no new job). */
export type PublishJobVerdict = { kind: 'done' } | { kind: 'later'; at: Date };

export type PublishJobHandler = (payload: PublishPostPayload, context: { signal?: AbortSignal; jobId: string }) => Promise<PublishJobVerdict>;

export interface PublishWorkerOptions {
  connection: ConnectionOptions;
  /** Jobs held at once: those waiting for their minute (armed) and those being published. */
  concurrency: number;
  /** "Later" jobs wake this long before their time (default PUBLISH_ARM_LEAD_MS, as the scheduler's jobs do). */
  armLeadMs?: number;
  prefix?: string;
  /** BullMQ's own job lock; the post's lease in Postgres is what guards publishing. */
  lockDurationMs?: number;
  /** How often BullMQ looks for jobs whose worker died. */
  stalledIntervalMs?: number;
  autorun?: boolean;
}

/**
 * The BullMQ consumer of the publish queue. "Later" moves the job back to the delayed set under its own id, so a
 * post never has two jobs and a retry never needs a fresh add; like every publish job, it wakes `armLeadMs` early.
 */
export function createPublishWorker(handler: PublishJobHandler, options: PublishWorkerOptions): Worker<PublishPostPayload, void, string> {
  const armLeadMs = options.armLeadMs ?? PUBLISH_ARM_LEAD_MS;
  const processor = async (job: Job<PublishPostPayload, void, string>, token?: string, signal?: AbortSignal): Promise<void> => {
    const verdict = await handler(job.data, { signal, jobId: job.id ?? job.data.postId });
    if (verdict.kind === 'done') return;
    await job.moveToDelayed(Math.max(verdict.at.getTime() - armLeadMs, Date.now()), token);
    throw new DelayedError();
  };
  return new Worker<PublishPostPayload, void, string>(QUEUES.publish, processor, {
    connection: options.connection,
    prefix: options.prefix ?? REDIS_PREFIX,
    concurrency: options.concurrency,
    // A worker that died leaves its jobs active, armed ones included (up to a thousand): they go back to the queue
    // once their lock has lapsed and the next check runs, within 15 s. A live worker renews every 5 s.
    lockDuration: options.lockDurationMs ?? 10_000,
    stalledInterval: options.stalledIntervalMs ?? 5_000,
    // A worker killed mid-job leaves a stalled job: run it again (the lease and the outcome check keep it safe).
    maxStalledCount: 10,
    autorun: options.autorun ?? true,
  });
}
