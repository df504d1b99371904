import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOBS, PUBLISH_ARM_LEAD_MS, publishChangedChannel, publishJobId, type PublishPostPayload, QUEUES, REDIS_PREFIX } from './queue-names';

/**
 * The publish queue as core sees it: the API's post use cases (schedule, cancel), the publishing engine (a reply
 * after its parent) and the cron (jobs lost with Redis's data). The one port; `PublishScheduler` is its one adapter,
 * and a unit test can fake the part it uses.
 */
export interface PostJobScheduler {
  /** Queues (or re-queues) the post's publish job to run at `runAt`; any job already waiting for it is replaced. */
  schedule(postId: string, organizationId: string, runAt: Date): Promise<void>;
  /** Removes the post's waiting job, if there is one. */
  cancel(postId: string): Promise<void>;
  /** Queues jobs for posts that have none; a post that has a job keeps it. Returns how many were added. */
  ensure(jobs: readonly (PublishPostPayload & { runAt: Date })[]): Promise<number>;
}

/** A publish job as BullMQ holds it, for tests and diagnostics. */
export interface ScheduledPublishJob {
  id: string;
  name: string;
  data: PublishPostPayload;
  /** Milliseconds after `timestamp` at which a worker takes the job. */
  delay: number;
  /** When the job was added (epoch ms). */
  timestamp: number;
  /** When a worker takes the job: PUBLISH_ARM_LEAD_MS before the post's time (or at once when that is past). */
  wakeAt: Date;
  state: string;
}

export interface PublishSchedulerOptions {
  /** BullMQ key prefix; Herald's is `herald`, and the workers must use the same one. */
  prefix?: string;
  now?: () => number;
  onError?: (error: Error) => void;
}

// A job whose handler throws (a database blip, a pool exhausted) is tried again with backoff instead of being
// dropped; the post's state in Postgres keeps a retry from publishing twice. Past the last attempt the cron's sweep
// still re-queues the post while it is due and in QUEUE.
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true, attempts: 6, backoff: { type: 'exponential', delay: 1_000 } } as const;

/**
 * The enqueue side of the publish queue, for the API, the workers (replies after their parent) and the cron
 * (jobs lost with Redis's data). One delayed job per due post, whose id is the post id: a post can never
 * be queued twice, and an edit or a move replaces the job instead of adding one. Jobs remove themselves when done
 * so the id can be used again (a retry, a republish).
 */
export class PublishScheduler implements PostJobScheduler {
  private readonly queue: Queue<PublishPostPayload, unknown, string>;
  private readonly now: () => number;
  private readonly changedChannel: string;

  constructor(
    private readonly connection: Redis,
    options: PublishSchedulerOptions = {},
  ) {
    this.queue = new Queue(QUEUES.publish, { connection, prefix: options.prefix ?? REDIS_PREFIX });
    // Connection errors surface on the calls themselves (and in /health); without a listener BullMQ prints each one.
    this.queue.on('error', options.onError ?? (() => undefined));
    this.now = options.now ?? Date.now;
    this.changedChannel = publishChangedChannel(options.prefix ?? REDIS_PREFIX);
  }

  async schedule(postId: string, organizationId: string, runAt: Date): Promise<void> {
    const jobId = publishJobId(postId);
    // BullMQ ignores an add whose id already exists, so the old job goes first. An active job (a worker holds it,
    // usually armed: waiting for the post's time) cannot be removed; the add is then a no-op, and the worker is told
    // to look at the post again now. Its lease on the row decides in any case: it requires the version it checked.
    const removed = await this.queue.remove(jobId);
    await this.queue.add(JOBS.publishPost, { postId, organizationId }, { ...JOB_OPTIONS, jobId, delay: this.delayFor(runAt, this.now()) });
    if (removed === 0) await this.announceChanged(postId);
  }

  /** Adds jobs for posts that have none. BullMQ skips an id it already holds, so this never doubles a job. */
  async ensure(jobs: readonly (PublishPostPayload & { runAt: Date })[]): Promise<number> {
    if (jobs.length === 0) return 0;
    const states = await Promise.all(jobs.map((job) => this.queue.getJobState(publishJobId(job.postId))));
    const missing = jobs.filter((_job, i) => states[i] === 'unknown');
    if (missing.length === 0) return 0;
    const now = this.now();
    await this.queue.addBulk(
      missing.map((job) => ({
        name: JOBS.publishPost,
        data: { postId: job.postId, organizationId: job.organizationId },
        opts: { ...JOB_OPTIONS, jobId: publishJobId(job.postId), delay: this.delayFor(job.runAt, now) },
      })),
    );
    return missing.length;
  }

  /** A worker takes the job PUBLISH_ARM_LEAD_MS before `runAt`, to have the post ready at the exact time. */
  private delayFor(runAt: Date, now: number): number {
    return Math.max(0, runAt.getTime() - PUBLISH_ARM_LEAD_MS - now);
  }

  /** The state BullMQ has for a post's job (`unknown` when there is none). */
  jobState(postId: string): Promise<string> {
    return this.queue.getJobState(publishJobId(postId));
  }

  reschedule(postId: string, organizationId: string, runAt: Date): Promise<void> {
    return this.schedule(postId, organizationId, runAt);
  }

  async cancel(postId: string): Promise<void> {
    if ((await this.queue.remove(publishJobId(postId))) === 0) await this.announceChanged(postId);
  }

  /** BullMQ's remove answers 0 for a job a worker holds: that worker hears of the change on the channel. */
  private async announceChanged(postId: string): Promise<void> {
    await this.connection.publish(this.changedChannel, postId);
  }

  async getJob(postId: string): Promise<ScheduledPublishJob | undefined> {
    const job = await this.queue.getJob(publishJobId(postId));
    if (!job?.id) return undefined;
    return {
      id: job.id,
      name: job.name,
      data: job.data,
      delay: job.delay,
      timestamp: job.timestamp,
      wakeAt: new Date(job.timestamp + job.delay),
      state: await job.getState(),
    };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
