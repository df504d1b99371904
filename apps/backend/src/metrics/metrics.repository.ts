import type { Database } from '@herald/database';
import { type ConnectionOptions, Queue } from 'bullmq';
import { QUEUES, REDIS_PREFIX } from '@herald/queue';

export const LATENESS_WINDOW_HOURS = 24;
/** Posts older than this are left out of the lateness window, so the query stays on the (state, publishDate) index. */
export const LATENESS_LOOKBACK_DAYS = 7;
/** Upper bounds (seconds) of the publish-lateness buckets. */
export const LATENESS_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600] as const;

export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface PostCount {
  platform: string;
  state: string;
  count: number;
}

export interface PlatformCount {
  platform: string;
  count: number;
}

export interface LatenessBuckets {
  platform: string;
  /** Cumulative counts, one per LATENESS_BUCKETS entry. */
  buckets: number[];
  count: number;
  sumSeconds: number;
}

interface LatenessRow {
  platform: string;
  count: bigint;
  sum: number | null;
  buckets: (bigint | number)[];
}

/**
 * Reads what the metrics report from Postgres and Redis. Everything is computed from shared state, not counted in
 * one process, so the numbers stay right however many workers run.
 */
export class MetricsRepository {
  private readonly queue: Queue;

  constructor(
    private readonly db: Database,
    connection: ConnectionOptions,
  ) {
    this.queue = new Queue(QUEUES.publish, { connection, prefix: REDIS_PREFIX });
    // Without a listener BullMQ prints every reconnection error; a scrape already reports Redis as down.
    this.queue.on('error', () => undefined);
  }

  async queueDepth(): Promise<Record<QueueState, number>> {
    const counts = await this.queue.getJobCounts(...QUEUE_STATES);
    return { waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0 };
  }

  async postsByPlatformAndState(): Promise<PostCount[]> {
    const rows = await this.db.$queryRaw<{ platform: string; state: string; count: bigint }[]>`
      SELECT i."providerIdentifier" AS platform, p.state::text AS state, count(*) AS count
      FROM "Post" p JOIN "Integration" i ON i.id = p."integrationId"
      WHERE p."deletedAt" IS NULL
      GROUP BY 1, 2`;
    return rows.map((r) => ({ platform: r.platform, state: r.state, count: Number(r.count) }));
  }

  async publishLateness(): Promise<LatenessBuckets[]> {
    const bounds = [...LATENESS_BUCKETS];
    const rows = await this.db.$queryRaw<LatenessRow[]>`
      WITH recent AS (
        SELECT i."providerIdentifier" AS platform,
               GREATEST(EXTRACT(EPOCH FROM (p."publishedAt" - p."publishDate")), 0)::float8 AS lateness
        FROM "Post" p JOIN "Integration" i ON i.id = p."integrationId"
        WHERE p.state = 'PUBLISHED'
          AND p."publishDate" > now() - make_interval(days => ${LATENESS_LOOKBACK_DAYS}::int)
          AND p."publishedAt" > now() - make_interval(hours => ${LATENESS_WINDOW_HOURS}::int)
      ),
      totals AS (SELECT platform, count(*) AS count, sum(lateness) AS sum FROM recent GROUP BY platform),
      cumulative AS (
        SELECT r.platform, b.bound, count(*) FILTER (WHERE r.lateness <= b.bound) AS n
        FROM recent r CROSS JOIN unnest(${bounds}::float8[]) AS b(bound)
        GROUP BY r.platform, b.bound
      )
      SELECT t.platform, t.count, t.sum, array_agg(c.n ORDER BY c.bound) AS buckets
      FROM totals t JOIN cumulative c USING (platform)
      GROUP BY t.platform, t.count, t.sum`;
    return rows.map((r) => ({ platform: r.platform, count: Number(r.count), sumSeconds: r.sum ?? 0, buckets: r.buckets.map(Number) }));
  }

  async channelsNeedingReconnect(): Promise<PlatformCount[]> {
    const rows = await this.db.$queryRaw<{ platform: string; count: bigint }[]>`
      SELECT "providerIdentifier" AS platform, count(*) AS count
      FROM "Integration"
      WHERE "refreshNeeded" AND "deletedAt" IS NULL
      GROUP BY 1`;
    return rows.map((r) => ({ platform: r.platform, count: Number(r.count) }));
  }

  async refreshFailuresLastDay(): Promise<PlatformCount[]> {
    const rows = await this.db.$queryRaw<{ platform: string; count: bigint }[]>`
      SELECT i."providerIdentifier" AS platform, count(*) AS count
      FROM "Notification" n JOIN "Integration" i ON i.id = n."integrationId"
      WHERE n.type = 'channel.refresh_needed' AND n."createdAt" > now() - interval '24 hours'
      GROUP BY 1`;
    return rows.map((r) => ({ platform: r.platform, count: Number(r.count) }));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
