import type pg from 'pg';
import { Prisma } from '../generated/prisma/client';
import { type Database, sqlPool } from '../prisma-client';
import { CHANNEL_FIELDS } from './publishing.sql';
import type { PublishingChannel } from './publishing.types';

/** One figure to store: the channel's own (postId null) or a post's, for the UTC day of `collectedAt`. */
export interface SnapshotInput {
  integrationId: string;
  postId: string | null;
  metric: string;
  value: number;
}

export interface SnapshotRow {
  objectId: string;
  metric: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  value: number;
  collectedAt: Date;
}

/** A published post whose figures may be due: its platform id and the time of its latest reading, if any. */
export interface AnalyticsPost {
  id: string;
  releaseId: string;
  publishedAt: Date;
  lastCollectedAt: Date | null;
}

export interface TopPost {
  id: string;
  content: string;
  releaseURL: string | null;
  publishedAt: Date | null;
  /** The post's latest value of each metric. */
  metrics: Record<string, number>;
}

const UPSERT = `
  INSERT INTO "AnalyticsSnapshot" ("objectId", "metric", "day", "value", "integrationId", "postId", "collectedAt")
  SELECT COALESCE(p, i), m, $5::date, v, i, p, $6
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[]) AS t(i, p, m, v)
  ON CONFLICT ("objectId", "metric", "day") DO UPDATE SET "value" = EXCLUDED."value", "collectedAt" = EXCLUDED."collectedAt"`;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The analytics snapshots (docs/analytics.md): written by the collection, read by the API and the dashboard. */
export class AnalyticsRepository {
  private readonly pool: pg.Pool;

  constructor(private readonly db: Database) {
    this.pool = sqlPool(db);
  }

  /** Upserts the readings of one collection: one statement, whatever their number. */
  async saveSnapshots(rows: readonly SnapshotInput[], collectedAt: Date): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.pool.query(UPSERT, [
      rows.map((r) => r.integrationId),
      rows.map((r) => r.postId),
      rows.map((r) => r.metric),
      rows.map((r) => r.value),
      isoDay(collectedAt),
      collectedAt,
    ]);
    return result.rowCount ?? 0;
  }

  /** Channels whose figures can be read: connected, enabled, of these platforms. */
  async channelsForAnalytics(providers: readonly string[]): Promise<PublishingChannel[]> {
    if (providers.length === 0) return [];
    return this.db.integration.findMany({
      where: { providerIdentifier: { in: [...providers] }, deletedAt: null, disabled: false, refreshNeeded: false, inBetweenSteps: false, type: 'social' },
      select: CHANNEL_FIELDS,
      orderBy: { id: 'asc' },
    });
  }

  findChannel(organizationId: string, integrationId: string): Promise<PublishingChannel | null> {
    return this.db.integration.findFirst({ where: { id: integrationId, organizationId, deletedAt: null }, select: CHANNEL_FIELDS });
  }

  /** The channel's published root posts since `since`, each with its latest reading. */
  async publishedPosts(integrationId: string, since: Date): Promise<AnalyticsPost[]> {
    return this.db.$queryRaw<AnalyticsPost[]>(Prisma.sql`
      SELECT p."id", p."releaseId", p."publishedAt",
             (SELECT max(s."collectedAt") FROM "AnalyticsSnapshot" s WHERE s."postId" = p."id") AS "lastCollectedAt"
        FROM "Post" p
       WHERE p."integrationId" = ${integrationId}::uuid AND p."state" = 'PUBLISHED' AND p."deletedAt" IS NULL
         AND p."parentPostId" IS NULL AND p."releaseId" IS NOT NULL AND p."releaseId" <> 'missing'
         AND p."publishedAt" >= ${since}
       ORDER BY p."publishedAt" DESC`);
  }

  /** A post of the organization (not deleted), with what the analytics need of it. */
  findPost(organizationId: string, id: string): Promise<{ id: string; integrationId: string; releaseId: string | null; state: string; publishedAt: Date | null; content: string; releaseURL: string | null } | null> {
    return this.db.post.findFirst({
      where: { id, organizationId, deletedAt: null },
      select: { id: true, integrationId: true, releaseId: true, state: true, publishedAt: true, content: true, releaseURL: true },
    });
  }

  /** When the object's figures (a channel's own, or a post's) were last read. */
  async lastCollection(objectId: string): Promise<Date | null> {
    const found = await this.db.analyticsSnapshot.aggregate({ where: { objectId }, _max: { collectedAt: true } });
    return found._max.collectedAt;
  }

  /** When the channel's own figures were last read. */
  async lastChannelCollection(integrationId: string): Promise<Date | null> {
    const found = await this.db.analyticsSnapshot.aggregate({ where: { objectId: integrationId }, _max: { collectedAt: true } });
    return found._max.collectedAt;
  }

  /** Every stored day of an object (a channel's own figures, or a post's) from `since` (a UTC day). */
  async series(objectId: string, since: Date): Promise<SnapshotRow[]> {
    const rows = await this.db.analyticsSnapshot.findMany({
      where: { objectId, day: { gte: new Date(`${isoDay(since)}T00:00:00Z`) } },
      orderBy: [{ metric: 'asc' }, { day: 'asc' }],
      select: { objectId: true, metric: true, day: true, value: true, collectedAt: true },
    });
    return rows.map((r) => ({ ...r, day: isoDay(r.day) }));
  }

  /** The channel's posts published since `since`, with their latest figures, best first by `metric`. */
  async topPosts(integrationId: string, since: Date, metric: string, limit: number): Promise<TopPost[]> {
    const rows = await this.db.$queryRaw<Array<{ id: string; content: string; releaseURL: string | null; publishedAt: Date | null; metrics: Record<string, number> | null }>>(Prisma.sql`
      SELECT p."id", p."content", p."releaseURL", p."publishedAt",
             (SELECT jsonb_object_agg(l."metric", l."value") FROM (
                SELECT DISTINCT ON (s."metric") s."metric", s."value" FROM "AnalyticsSnapshot" s
                 WHERE s."objectId" = p."id" ORDER BY s."metric", s."day" DESC) l) AS "metrics"
        FROM "Post" p
       WHERE p."integrationId" = ${integrationId}::uuid AND p."state" = 'PUBLISHED' AND p."deletedAt" IS NULL
         AND p."parentPostId" IS NULL AND p."publishedAt" >= ${since}`);
    return rows
      .map((r) => ({ ...r, metrics: r.metrics ?? {} }))
      .sort((a, b) => (b.metrics[metric] ?? -1) - (a.metrics[metric] ?? -1))
      .slice(0, limit);
  }

  /** Deletes the days before `before`; returns how many rows went. */
  async prune(before: Date): Promise<number> {
    const { count } = await this.db.analyticsSnapshot.deleteMany({ where: { day: { lt: new Date(`${isoDay(before)}T00:00:00Z`) } } });
    return count;
  }
}
