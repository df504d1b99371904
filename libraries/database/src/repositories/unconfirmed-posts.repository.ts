import { Prisma } from '../generated/prisma/client';
import type { Database } from '../prisma-client';
import { CLEAR_LEASE } from './publishing.sql';
import type { Release } from './publishing.types';

/**
 * The UNCONFIRMED post as an outcome check read it: its attempt (when it began) and the checks counted so far. A
 * verdict applies to that attempt and check only: two checks of one post can run at once (a job Redis lost, planned
 * again while the first still runs), and the slower one's "not found" must not requeue a later attempt whose
 * request the faster one's requeue let through (which would publish it twice).
 */
export interface CheckedPost {
  id: string;
  attemptStartedAt: Date | null;
  outcomeChecks: number;
}

function asChecked(post: CheckedPost) {
  return { id: post.id, state: 'UNCONFIRMED' as const, attemptStartedAt: post.attemptStartedAt, outcomeChecks: post.outcomeChecks };
}

/**
 * UNCONFIRMED posts (the request may have reached the platform): their outcome checks, counted, and how each settles:
 * PUBLISHED, back to QUEUE, or ERROR. Each is one conditional UPDATE on the UNCONFIRMED row as the check read it
 * (`CheckedPost`), so a late answer and a check never both settle a post, nor two checks one attempt.
 */
export class UnconfirmedPostsRepository {
  constructor(private readonly db: Database) {}

  /** UNCONFIRMED → PUBLISHED: the outcome check found the post on the platform. */
  async resolvePublished(post: CheckedPost, release: Release): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: asChecked(post),
      data: { state: 'PUBLISHED', ...release, ...CLEAR_LEASE, error: null, errorCode: null, notBefore: null },
    });
    return count === 1;
  }

  /** UNCONFIRMED → QUEUE: the platform certainly does not have it, so it is safe to publish again. */
  async resolveNotPublished(post: CheckedPost, notBefore: Date): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: asChecked(post),
      data: { state: 'QUEUE', ...CLEAR_LEASE, outcomeHint: Prisma.DbNull, outcomeChecks: 0, notBefore, error: null, errorCode: null },
    });
    return count === 1;
  }

  /** UNCONFIRMED → ERROR: the check settled that the post is not on the platform and cannot be sent again as it is. */
  async resolveFailed(post: CheckedPost, input: { error: string; errorCode: string }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: asChecked(post),
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
  async countOutcomeCheck(post: CheckedPost, checkAt: Date | null, error?: string): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: asChecked(post),
      data: { outcomeChecks: post.outcomeChecks + 1, notBefore: checkAt, ...(error === undefined ? {} : { error }) },
    });
    return count === 1;
  }
}
