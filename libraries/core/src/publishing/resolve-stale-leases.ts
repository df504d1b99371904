import type { PublishingDeps } from './publishing.ports';

/**
 * PUBLISHING rows whose lease ran out belong to a worker that died (or lost Redis and its job): they become
 * UNCONFIRMED, because the request may have reached the platform, and get a job that checks their outcome.
 */
export class ResolveStaleLeases {
  constructor(private readonly deps: Pick<PublishingDeps, 'leases' | 'jobs' | 'now' | 'logger'>) {}

  async run(batchSize = 500): Promise<number> {
    const now = this.deps.now();
    const expired = await this.deps.leases.expireStaleLeases(now, batchSize);
    if (expired.length === 0) return 0;
    this.deps.logger.warn({ posts: expired.map((p) => p.id) }, 'stale publishing leases: checking their outcome');
    await this.deps.jobs.ensure(expired.map((post) => ({ postId: post.id, organizationId: post.organizationId, runAt: now })));
    return expired.length;
  }
}
