import type pg from 'pg';
import { Prisma, type PostState } from '../generated/prisma/client';
import { type Database, sqlPool } from '../prisma-client';
import { CHANNEL_FIELDS, FIND_POST, plainArray, type POST_FIELDS, postFromRow, RECORD_PUBLISHED, SCHEDULE_NEXT_CHILD, TAKE_ARMED_LEASES, TAKE_LEASE, withValues } from './publishing.sql';

export type PublishingChannel = Prisma.IntegrationGetPayload<{ select: typeof CHANNEL_FIELDS }>;

type PostRow = Prisma.PostGetPayload<{ select: typeof POST_FIELDS }>;

export interface PublishingPost extends PostRow {
  integration: PublishingChannel;
  /** The post before this one in its thread (replies and comments only). */
  parent: { id: string; state: PostState; releaseId: string | null; publishedAt: Date | null } | null;
  /** The first post of the thread, which Instagram and Facebook comments attach to. */
  rootReleaseId: string | null;
  /** Changes with every write to the row: a lease can require the very version that was checked. */
  version?: string;
}

/** A post checked ahead of its time, to be leased only if nothing changed since. */
export interface ArmedPost extends PostRef {
  version: string;
}

export interface PostRef {
  id: string;
  organizationId: string;
}

export interface DueWork extends PostRef {
  state: PostState;
  dueAt: Date;
}

export interface Release {
  releaseId: string | null;
  releaseURL: string | null;
  publishedAt: Date;
}

/** A webhook of the organization, with its filters (the caller decides which events it gets). */
export interface WebhookSubscriber {
  id: string;
  integrations: Prisma.JsonValue;
  events: Prisma.JsonValue;
}

/** What recording a publication set in motion: the thread's next post, now due, and who hears about it. */
export interface RecordedPublication {
  nextChild: (PostRef & { runAt: Date }) | null;
  subscribers: WebhookSubscriber[];
}

export interface NewPublishingNotification {
  organizationId: string;
  type: string;
  message: string;
  postId?: string;
  integrationId?: string;
}

interface RecordedRow {
  kind: 'published' | 'child' | 'webhook';
  id: string;
  organizationId: string;
  parentPostId: string | null;
  runAt: Date | null;
  integrations: Prisma.JsonValue;
  events: Prisma.JsonValue;
}

const CLEAR_LEASE = { leaseOwner: null, leaseExpiresAt: null } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The publishing engine's reads and writes. Every state change is one conditional UPDATE on the state (and,
 * while PUBLISHING, the lease owner) the caller expects, so two workers can never both move a post.
 */
export class PublishingRepository {
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

  /**
   * PUBLISHING (or UNCONFIRMED after our lease was taken for a check) → PUBLISHED, only for the lease owner:
   * a late answer still lands on the row it belongs to.
   */
  async markPublished(postId: string, owner: string, release: Release): Promise<boolean> {
    return (await this.recordPublished([{ postId, release }], owner)).has(postId);
  }

  /**
   * `markPublished` for many posts of one owner in one statement, which also makes each post's next reply or
   * comment due and reads the webhooks to tell. The map holds the posts recorded; a post missing from it had moved on.
   */
  async recordPublished(items: readonly { postId: string; release: Release }[], owner: string): Promise<Map<string, RecordedPublication>> {
    const recorded = new Map<string, RecordedPublication>();
    if (items.length === 0) return recorded;
    const { rows } = await this.pool.query<RecordedRow>(
      withValues(RECORD_PUBLISHED, [
        plainArray(items.map((i) => i.postId)),
        items.map((i) => i.release.releaseId),
        items.map((i) => i.release.releaseURL),
        items.map((i) => i.release.publishedAt),
        owner,
        new Date(),
      ]),
    );
    const organizationOf = new Map<string, string>();
    const subscribers = new Map<string, WebhookSubscriber[]>();
    for (const row of rows) {
      if (row.kind === 'published') organizationOf.set(row.id, row.organizationId);
      if (row.kind === 'webhook') subscribers.set(row.organizationId, [...(subscribers.get(row.organizationId) ?? []), { id: row.id, integrations: row.integrations, events: row.events }]);
    }
    for (const [postId, organizationId] of organizationOf) recorded.set(postId, { nextChild: null, subscribers: subscribers.get(organizationId) ?? [] });
    for (const row of rows) {
      const parent = row.kind === 'child' ? recorded.get(row.parentPostId ?? '') : undefined;
      if (parent && row.runAt) parent.nextChild = { id: row.id, organizationId: row.organizationId, runAt: row.runAt };
    }
    return recorded;
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

  /** PUBLISHING → UNCONFIRMED: the request may have gone through. The owner is kept so its late answer still lands. */
  async markUnconfirmed(postId: string, owner: string, input: { hint: Prisma.InputJsonValue | null; error: string; checkAt: Date }): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'PUBLISHING', leaseOwner: owner },
      data: {
        state: 'UNCONFIRMED',
        leaseExpiresAt: null,
        outcomeHint: input.hint ?? Prisma.DbNull,
        outcomeChecks: 0,
        notBefore: input.checkAt,
        error: input.error,
        errorCode: 'outcome_unknown',
      },
    });
    return count === 1;
  }

  /** PUBLISHING whose lease ran out (its worker died or stalled) → UNCONFIRMED, checked from `now`. */
  async expireLease(postId: string, now: Date): Promise<boolean> {
    const { count } = await this.db.post.updateMany({
      where: { id: postId, state: 'PUBLISHING', leaseExpiresAt: { lt: now } },
      data: { state: 'UNCONFIRMED', leaseExpiresAt: null, outcomeChecks: 0, notBefore: now, error: 'The publishing worker stopped before the platform answered', errorCode: 'outcome_unknown' },
    });
    return count === 1;
  }

  /** Every stale lease at once, for the cron: returns the posts now UNCONFIRMED. */
  expireStaleLeases(now: Date, limit: number): Promise<PostRef[]> {
    return this.db.$queryRaw<PostRef[]>(Prisma.sql`
      UPDATE "Post" SET "state" = 'UNCONFIRMED', "leaseExpiresAt" = NULL, "outcomeChecks" = 0, "notBefore" = ${now},
             "error" = 'The publishing worker stopped before the platform answered', "errorCode" = 'outcome_unknown', "updatedAt" = ${now}
       WHERE "id" IN (SELECT "id" FROM "Post" WHERE "state" = 'PUBLISHING' AND "leaseExpiresAt" < ${now} ORDER BY "leaseExpiresAt" LIMIT ${limit})
         AND "state" = 'PUBLISHING' AND "leaseExpiresAt" < ${now}
      RETURNING "id", "organizationId"`);
  }

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

  /** After a post is out: its reply or comment becomes due `delay` minutes later. */
  async scheduleNextChild(parentId: string, publishedAt: Date): Promise<(PostRef & { runAt: Date }) | null> {
    const { rows } = await this.pool.query<PostRef & { runAt: Date }>(withValues(SCHEDULE_NEXT_CHILD, [parentId, publishedAt, new Date()]));
    return rows[0] ?? null;
  }

  async blockChannel(integrationId: string, until: Date): Promise<void> {
    // Never shortens a pause another worker set from a later reset time.
    await this.db.integration.updateMany({
      where: { id: integrationId, OR: [{ publishBlockedUntil: null }, { publishBlockedUntil: { lt: until } }] },
      data: { publishBlockedUntil: until },
    });
  }

  /** `blockChannel` for every channel of a platform, in every organization: the app's own cap is used up. */
  async blockProvider(providerIdentifier: string, until: Date): Promise<number> {
    const { count } = await this.db.integration.updateMany({
      where: { providerIdentifier, deletedAt: null, OR: [{ publishBlockedUntil: null }, { publishBlockedUntil: { lt: until } }] },
      data: { publishBlockedUntil: until },
    });
    return count;
  }

  async markRefreshNeeded(integrationId: string): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({ where: { id: integrationId, refreshNeeded: false }, data: { refreshNeeded: true } });
    return count === 1;
  }

  findChannel(integrationId: string): Promise<PublishingChannel | null> {
    return this.db.integration.findUnique({ where: { id: integrationId }, select: CHANNEL_FIELDS });
  }

  /**
   * Stores refreshed tokens only if nobody replaced the token since it was read (optimistic: a concurrent refresh
   * by the cron and a worker keeps one result, never a mix).
   */
  async saveRefreshedTokens(
    integrationId: string,
    previousToken: string,
    tokens: { token: string; refreshToken: string | null; tokenExpiration: Date | null },
    now: Date,
  ): Promise<boolean> {
    const { count } = await this.db.integration.updateMany({
      where: { id: integrationId, token: previousToken },
      data: {
        token: tokens.token,
        ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        tokenExpiration: tokens.tokenExpiration,
        lastRefreshAt: now,
        refreshNeeded: false,
      },
    });
    return count === 1;
  }

  /** Live channels of these providers whose token expires before `expiringBefore` and was not renewed since `renewedBefore`. */
  channelsDueForRefresh(providers: readonly string[], expiringBefore: Date, renewedBefore: Date, limit: number): Promise<PublishingChannel[]> {
    return this.db.integration.findMany({
      where: {
        providerIdentifier: { in: [...providers] },
        deletedAt: null,
        disabled: false,
        refreshNeeded: false,
        inBetweenSteps: false,
        tokenExpiration: { lt: expiringBefore },
        OR: [{ lastRefreshAt: { lt: renewedBefore } }, { lastRefreshAt: null, createdAt: { lt: renewedBefore } }],
      },
      orderBy: { tokenExpiration: 'asc' },
      take: limit,
      select: CHANNEL_FIELDS,
    });
  }

  /** Root posts the channel published since `since`, oldest first (Instagram's rolling 24-hour quota). */
  async publishedRootsSince(integrationId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const rows = await this.db.post.findMany({
      where: { integrationId, parentPostId: null, state: 'PUBLISHED', publishedAt: { gte: since } },
      select: { publishedAt: true },
      orderBy: { publishedAt: 'asc' },
    });
    return { count: rows.length, oldest: rows[0]?.publishedAt ?? null };
  }

  /** Returns the notification's id (email alerts refer to it). */
  async notify(input: NewPublishingNotification): Promise<{ id: string }> {
    return this.db.notification.create({
      data: { organizationId: input.organizationId, type: input.type, message: input.message, postId: input.postId ?? null, integrationId: input.integrationId ?? null },
      select: { id: true },
    });
  }

  async deleteNotificationsBefore(before: Date): Promise<number> {
    const { count } = await this.db.notification.deleteMany({ where: { createdAt: { lt: before } } });
    return count;
  }

  async deleteWebhookDeliveriesBefore(before: Date): Promise<number> {
    const { count } = await this.db.webhookDelivery.deleteMany({ where: { createdAt: { lt: before }, status: { not: 'pending' } } });
    return count;
  }
}
