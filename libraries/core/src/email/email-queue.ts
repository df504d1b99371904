import { type ConnectionOptions, DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { alertDigestJobId, JOBS, QUEUES, REDIS_PREFIX, type SendEmailPayload } from '@herald/queue';

/** 6 attempts over about 15 minutes (30 s, 1, 2, 4, 8 min): an SMTP server that is down for a while still gets it. */
const RETRY = { attempts: 6, backoff: { type: 'exponential', delay: 30_000 } } as const;

/** The email queue as the use cases see it. */
export interface EmailJobs {
  /** Queues an invitation or password-reset email (the token in the payload is already encrypted). */
  enqueue(payload: Exclude<SendEmailPayload, { kind: 'alert_digest' }>): Promise<void>;
  /** Queues the person's alert digest for `at`; while one is queued or running, the call changes nothing. */
  digest(userId: string, at: Date): Promise<void>;
}

/** The enqueue side of the `email` queue (in the backend, the cron and the workers). */
export class EmailQueue implements EmailJobs {
  private readonly queue: Queue<SendEmailPayload, unknown, string>;

  constructor(
    connection: ConnectionOptions,
    options: { prefix?: string } = {},
    private readonly now: () => number = Date.now,
  ) {
    this.queue = new Queue(QUEUES.email, { connection, prefix: options.prefix ?? REDIS_PREFIX });
  }

  async enqueue(payload: Exclude<SendEmailPayload, { kind: 'alert_digest' }>): Promise<void> {
    // A failed job is kept a day for inspection; its payload holds only ids and ciphertext.
    await this.queue.add(JOBS.sendEmail, payload, { ...RETRY, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } });
  }

  async digest(userId: string, at: Date): Promise<void> {
    // Removed on failure too, so the cron's backstop can queue it again (pending alerts are kept in Postgres).
    await this.queue.add(JOBS.sendEmail, { kind: 'alert_digest', userId }, { ...RETRY, jobId: alertDigestJobId(userId), delay: Math.max(0, at.getTime() - this.now()), removeOnComplete: true, removeOnFail: true });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** What a handler decides: sent (or nothing to send), try again at a time, or give up (retrying cannot help). */
export type EmailVerdict = { kind: 'done' } | { kind: 'later'; at: Date } | { kind: 'give_up'; reason: string };

export type SendEmailHandler = (payload: SendEmailPayload) => Promise<EmailVerdict>;

/** The consumer of the `email` queue (workers only). A thrown error is retried with the job's backoff. */
export interface EmailWorkerOptions {
  connection: ConnectionOptions;
  prefix?: string;
  concurrency?: number;
}

export function createEmailWorker(handler: SendEmailHandler, options: EmailWorkerOptions): Worker<SendEmailPayload, void, string> {
  const processor = async (job: Job<SendEmailPayload, void, string>, token?: string): Promise<void> => {
    const verdict = await handler(job.data);
    if (verdict.kind === 'give_up') throw new UnrecoverableError(verdict.reason);
    if (verdict.kind === 'later') {
      await job.moveToDelayed(verdict.at.getTime(), token);
      throw new DelayedError();
    }
  };
  return new Worker<SendEmailPayload, void, string>(QUEUES.email, processor, {
    connection: options.connection,
    prefix: options.prefix ?? REDIS_PREFIX,
    concurrency: options.concurrency ?? 2,
  });
}
