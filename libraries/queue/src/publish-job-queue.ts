import { type ConnectionOptions, Queue } from 'bullmq';
import { JOBS, publishJobId, type PublishPostPayload, QUEUES, REDIS_PREFIX } from './queue-names';

export interface PublishJobQueueOptions {
  prefix?: string;
  now?: () => number;
}

const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true } as const;

/**
 * The workers' and the cron's side of the publish queue: schedule a post (a reply after its parent), and ensure
 * that due posts have a job after Redis lost its data. Same job ids and options as the API's PublishScheduler.
 */
export class PublishJobQueue {
  private readonly queue: Queue<PublishPostPayload, unknown, string>;
  private readonly now: () => number;

  constructor(connection: ConnectionOptions, options: PublishJobQueueOptions = {}) {
    this.queue = new Queue(QUEUES.publish, { connection, prefix: options.prefix ?? REDIS_PREFIX });
    this.now = options.now ?? Date.now;
  }

  /** Replaces a waiting job; an active one (a worker holds it) stays, and the row's lease decides. */
  async schedule(job: PublishPostPayload, runAt: Date): Promise<void> {
    const jobId = publishJobId(job.postId);
    await this.queue.remove(jobId);
    await this.queue.add(JOBS.publishPost, job, { ...JOB_OPTIONS, jobId, delay: Math.max(0, runAt.getTime() - this.now()) });
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
        opts: { ...JOB_OPTIONS, jobId: publishJobId(job.postId), delay: Math.max(0, job.runAt.getTime() - now) },
      })),
    );
    return missing.length;
  }

  /** For tests and diagnostics: the state BullMQ has for a post's job (`unknown` when there is none). */
  jobState(postId: string): Promise<string> {
    return this.queue.getJobState(publishJobId(postId));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
