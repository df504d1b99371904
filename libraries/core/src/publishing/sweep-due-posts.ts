import type { PublishingDeps } from './publishing.ports';

export interface SweepOptions {
  /** Posts due within this window get their (delayed) job now. */
  horizonMs: number;
  batchSize: number;
}

export const DEFAULT_SWEEP_OPTIONS: SweepOptions = { horizonMs: 60_000, batchSize: 1000 };

/**
 * Re-creates the jobs Redis lost: every QUEUE post due (or due within the horizon) and every UNCONFIRMED post with
 * a check due gets its publish job, unless it has one. Idempotent, because the job id is the post id.
 */
export class SweepDuePosts {
  constructor(private readonly deps: Pick<PublishingDeps, 'leases' | 'jobs' | 'now'>) {}

  async run(options: SweepOptions = DEFAULT_SWEEP_OPTIONS): Promise<number> {
    const until = new Date(this.deps.now().getTime() + options.horizonMs);
    const due = await this.deps.leases.findDueWork(until, options.batchSize);
    if (due.length === 0) return 0;
    return this.deps.jobs.ensure(due.map((post) => ({ postId: post.id, organizationId: post.organizationId, runAt: post.dueAt })));
  }
}
