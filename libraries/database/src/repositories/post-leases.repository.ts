import type pg from 'pg';
import { Prisma } from '../generated/prisma/client';
import { type Database, sqlPool } from '../prisma-client';
import { CLEAR_LEASE, FIND_POST, plainArray, postFromRow, TAKE_ARMED_LEASES, TAKE_LEASE, withValues } from './publishing.sql';
import type { ArmedPost, DueWork, PostRef, PublishingPost } from './publishing.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A post's way through the lease: read, leased (QUEUE → PUBLISHING), renewed, and given up without a publication
 * (back to QUEUE, ERROR, UNCONFIRMED), and the work whose job may be missing. Every state change is one conditional
 * UPDATE on the state (and, while PUBLISHING, the lease owner) the caller expects, so two workers can never both move
 * a post. Recording a publication is `PublicationsRepository`'s; settling an unknown outcome, `UnconfirmedPostsRepository`'s.
 */
export class PostLeasesRepository {
  private readonly pool: pg.Pool;

  constructor(private readonly db: Database) {
    this.pool = sqlPool(db);
  }

  /** The post with its channel, its parent and its thread's first release id, in one statement. */
  async findPost(organizationId: string, postId: string): Promise<PublishingPost | null> {
    if (!UUID.test(postId) || !UUID.test(organizationId)) return null;
    const { rows } = await this.pool.query(withValues(FIND_POST, [postId, organizationId]));
    return rows[0] ? postFromRow(rows[0] as Record<string, unknown>) : null;
  }

  /** QUEUE → PUBLISHING for `owner` until `leaseUntil`. False when someone else moved the post first. */
  async takeLease(post: PostRef, owner: string, leaseUntil: Date, now: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(withValues(TAKE_LEASE, [post.id, post.organizationId, owner, leaseUntil, now]));
    return rowCount === 1;
  }

  /**
   * QUEUE → PUBLISHING for many armed posts in one statement, each only if its row is unchanged since it was checked
   * and its channel can still publish. Returns the ids leased; the others must be looked at again.
   */
  async takeArmedLeases(posts: readonly ArmedPost[], owner: string, leaseUntil: Date, now: Date): Promise<Set<string>> {
    if (posts.length === 0) return new Set();
    const { rows } = await this.pool.query<{ id: string }>(
      withValues(TAKE_ARMED_LEASES, [plainArray(posts.map((p) => p.id)), plainArray(posts.map((p) => p.version)), owner, leaseUntil, now]),
    );
    return new Set(rows.map((r) => r.id));
  }

  async renewLease(postId: string, owner: string, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.db.post.updateMany({ where: { id: postId, state: 'PUBLISHING', leaseOwner: owner }, data: { leaseExpiresAt: leaseUntil } });
    return count === 1;
  }

  /** PUBLISHING → QUEUE: certainly not published; try again from `notBefore`. */
  async release(postId: string, owner: string, input: { notBefore: Date; countAttempt: boolean; error?: string; errorCode?: string }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'PUBLISHING', leaseOwner: owner },
      data: {
        state: 'QUEUE',
        ...CLEAR_LEASE,
        notBefore: input.notBefore,
        ...(input.countAttempt ? { attempts: { increment: 1 } } : {}),
        ...(input.error === undefined ? {} : { error: input.error, errorCode: input.errorCode ?? null }),
      },
    });
    return count === 1;
  }

  /** PUBLISHING → ERROR with a reason a person can read. */
  async fail(postId: string, owner: string, input: { error: string; errorCode: string }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'PUBLISHING', leaseOwner: owner },
      data: { state: 'ERROR', ...CLEAR_LEASE, error: input.error, errorCode: input.errorCode, notBefore: null, attempts: { increment: 1 } },
    });
    return count === 1;
  }

  /** QUEUE → ERROR without an attempt (the channel cannot publish at all). */
  async refuse(post: PostRef, input: { error: string; errorCode: string }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: post.id, organizationId: post.organizationId, state: 'QUEUE' },
      data: { state: 'ERROR', error: input.error, errorCode: input.errorCode, notBefore: null },
    });
    return count === 1;
  }

  /** QUEUE stays QUEUE, but not before `notBefore` (a channel pause or quota; not a failed attempt). */
  async postpone(post: PostRef, notBefore: Date): Promise<boolean> {
    const { count } = await this.db.post.updateMany({ where: { id: post.id, organizationId: post.organizationId, state: 'QUEUE' }, data: { notBefore } });
    return count === 1;
  }

  /**
   * PUBLISHING → UNCONFIRMED: the request may have gone through. The owner is kept so its late answer still lands.
   * `endedAt`: when the attempt's last request ended (its answer failed or never came).
   */
  async markUnconfirmed(postId: string, owner: string, input: { hint: Prisma.InputJsonValue | null; error: string; checkAt: Date; endedAt: Date }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'PUBLISHING', leaseOwner: owner },
      data: {
        state: 'UNCONFIRMED',
        leaseExpiresAt: null,
        outcomeHint: input.hint ?? Prisma.DbNull,
        outcomeChecks: 0,
        notBefore: input.checkAt,
        attemptEndedAt: input.endedAt,
        error: input.error,
        errorCode: 'outcome_unknown',
      },
    });
    return count === 1;
  }

  /**
   * PUBLISHING whose lease ran out (its worker died or stalled) → UNCONFIRMED, checked from `now`. A worker sends
   * nothing visible past its lease (LeaseHeartbeat's signal), so the attempt's requests ended by `now`.
   */
  async expireLease(postId: string, now: Date): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'PUBLISHING', leaseExpiresAt: { lt: now } },
      data: { state: 'UNCONFIRMED', leaseExpiresAt: null, outcomeChecks: 0, notBefore: now, attemptEndedAt: now, error: 'The publishing worker stopped before the platform answered', errorCode: 'outcome_unknown' },
    });
    return count === 1;
  }

  /** Every stale lease at once, for the cron: returns the posts now UNCONFIRMED. */
  expireStaleLeases(now: Date, limit: number): Promise<PostRef[]> {
    return this.db.$queryRaw<PostRef[]>(Prisma.sql`
      UPDATE "Post" SET "state" = 'UNCONFIRMED', "leaseExpiresAt" = NULL, "outcomeChecks" = 0, "notBefore" = ${now}, "attemptEndedAt" = ${now},
             "error" = 'The publishing worker stopped before the platform answered', "errorCode" = 'outcome_unknown', "updatedAt" = ${now}
       WHERE "id" IN (SELECT "id" FROM "Post" WHERE "state" = 'PUBLISHING' AND "leaseExpiresAt" < ${now} ORDER BY "leaseExpiresAt" LIMIT ${limit})
         AND "state" = 'PUBLISHING' AND "leaseExpiresAt" < ${now}
      RETURNING "id", "organizationId"`);
  }

  /**
   * Work whose job may be missing: QUEUE posts due by `until` (a reply only once its parent is out) on a live
   * channel, and UNCONFIRMED posts with an automatic check due. A post is never due before its publishDate,
   * which lets the (state, publishDate) index narrow the scan.
   */
  findDueWork(until: Date, limit: number): Promise<DueWork[]> {
    return this.db.$queryRaw<DueWork[]>(Prisma.sql`
      SELECT * FROM (
        SELECT p."id", p."organizationId", p."state"::text AS "state",
               CASE WHEN p."state" = 'UNCONFIRMED' THEN p."notBefore"
                    WHEN p."parentPostId" IS NULL THEN GREATEST(p."publishDate", p."notBefore")
                    ELSE GREATEST(p."publishDate", p."notBefore", parent."publishedAt" + p."delay" * INTERVAL '1 minute') END AS "dueAt"
          FROM "Post" p
          JOIN "Integration" i ON i."id" = p."integrationId"
          LEFT JOIN "Post" parent ON parent."id" = p."parentPostId"
         WHERE p."deletedAt" IS NULL AND i."deletedAt" IS NULL
           AND ((p."state" = 'QUEUE' AND p."publishDate" <= ${until} AND (p."parentPostId" IS NULL OR parent."state" = 'PUBLISHED'))
             OR (p."state" = 'UNCONFIRMED' AND p."notBefore" <= ${until}))
      ) due
       WHERE due."dueAt" <= ${until}
       ORDER BY due."dueAt" ASC
       LIMIT ${limit}`);
  }
}
