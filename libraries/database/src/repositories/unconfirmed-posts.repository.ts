import { Prisma } from '../generated/prisma/client';
import type { Database } from '../prisma-client';
import { CLEAR_LEASE } from './publishing.sql';
import type { Release } from './publishing.types';

/**
 * UNCONFIRMED posts (the request may have reached the platform): their outcome checks, counted, and how each settles:
 * PUBLISHED, back to QUEUE, or ERROR. Each is one conditional UPDATE on UNCONFIRMED, so a late answer and a check
 * never both settle a post.
 */
export class UnconfirmedPostsRepository {
  constructor(private readonly db: Database) {}

  /** UNCONFIRMED → PUBLISHED: the outcome check found the post on the platform. */
  async resolvePublished(postId: string, release: Release): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'UNCONFIRMED' },
      data: { state: 'PUBLISHED', ...release, ...CLEAR_LEASE, error: null, errorCode: null, notBefore: null },
    });
    return count === 1;
  }

  /** UNCONFIRMED → QUEUE: the platform certainly does not have it, so it is safe to publish again. */
  async resolveNotPublished(postId: string, notBefore: Date): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'UNCONFIRMED' },
      data: { state: 'QUEUE', ...CLEAR_LEASE, outcomeHint: Prisma.DbNull, outcomeChecks: 0, notBefore, error: null, errorCode: null },
    });
    return count === 1;
  }

  /** UNCONFIRMED → ERROR: the check settled that the post is not on the platform and cannot be sent again as it is. */
  async resolveFailed(postId: string, input: { error: string; errorCode: string }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'UNCONFIRMED' },
      data: { state: 'ERROR', ...CLEAR_LEASE, outcomeHint: Prisma.DbNull, notBefore: null, error: input.error, errorCode: input.errorCode },
    });
    return count === 1;
  }

  /** Whether another post of the channel already holds this release id (a live duplicate is then not this post's). */
  async releaseTaken(integrationId: string, releaseId: string, exceptPostId: string): Promise<boolean> {
    const taken = await this.db.post.findFirst({ where: { integrationId, releaseId, id: { not: exceptPostId }, deletedAt: null }, select: { id: true } });
    return taken !== null;
  }

  /** UNCONFIRMED stays, with one more check counted; `checkAt` null means no more automatic checks. */
  async countOutcomeCheck(postId: string, seenChecks: number, checkAt: Date | null, error?: string): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'UNCONFIRMED', outcomeChecks: seenChecks },
      data: { outcomeChecks: seenChecks + 1, notBefore: checkAt, ...(error === undefined ? {} : { error }) },
    });
    return count === 1;
  }
}
