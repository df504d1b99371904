import type { AnalyticsRepository, SnapshotRow } from '@herald/database';
import type { ChannelOverview, MetricSeries, PostFigures } from '@herald/shared';
import type { Logger } from '../common/logger';
import { headlineMetric, metricLabel } from './analytics-labels';
import type { CollectAnalytics } from './collect-analytics';

/** docs/public-api.md §4.4: one entry per metric, its days, and its change over the period. */
export interface AnalyticsData {
  label: string;
  data: { total: string; date: string }[];
  percentageChange: number;
}

export type { ChannelOverview, MetricSeries, PostFigures } from '@herald/shared';

export interface AnalyticsQueriesDeps {
  snapshots: AnalyticsRepository;
  /** Reads the platform when the stored figures are older than an hour; absent: stored figures only. */
  collect?: CollectAnalytics;
  logger: Logger;
  now: () => Date;
}

const DAY = 24 * 3600_000;
/** Older stored figures than this are read again from the platform before being served. */
export const LIVE_AFTER_MS = 3600_000;
export const DEFAULT_DAYS = 7;
export const MAX_DAYS = 400;

/** `date` of the public API (days to look back, a string converted with unary plus): 1 to 400, else 7. */
export function parseDays(raw: unknown): number {
  const n = typeof raw === 'string' || typeof raw === 'number' ? Math.floor(+raw) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_DAYS) : DEFAULT_DAYS;
}

export function percentChange(first: number, last: number): number {
  if (first === 0) return last === 0 ? 0 : 100;
  return Math.round(((last - first) / Math.abs(first)) * 10_000) / 100;
}

function series(rows: readonly SnapshotRow[]): MetricSeries[] {
  const byMetric = new Map<string, { date: string; value: number }[]>();
  for (const row of rows) {
    const list = byMetric.get(row.metric) ?? [];
    list.push({ date: row.day, value: row.value });
    byMetric.set(row.metric, list);
  }
  return [...byMetric.entries()].map(([metric, points]) => {
    points.sort((a, b) => a.date.localeCompare(b.date));
    const first = points[0]?.value ?? 0;
    const latest = points[points.length - 1]?.value ?? 0;
    return { metric, label: metricLabel(metric), points, latest, change: percentChange(first, latest) };
  });
}

function toPublic(list: MetricSeries[]): AnalyticsData[] {
  return list.map((s) => ({ label: s.label, data: s.points.map((p) => ({ total: String(p.value), date: p.date })), percentageChange: s.change }));
}

/** Figures as the API and the dashboard serve them, from the snapshots (docs/analytics.md, "Reading"). */
export class AnalyticsQueries {
  constructor(private readonly deps: AnalyticsQueriesDeps) {}

  private since(days: number): Date {
    return new Date(this.deps.now().getTime() - (days - 1) * DAY);
  }

  /** Reads the platform now if the newest stored figure of `objectId` is older than an hour; never fails the request. */
  private async freshen(objectId: string, integrationId: string, post?: string): Promise<void> {
    if (!this.deps.collect) return;
    const last = await this.deps.snapshots.lastCollection(objectId);
    if (last && this.deps.now().getTime() - last.getTime() < LIVE_AFTER_MS) return;
    try {
      const outcome = await this.deps.collect.collect(integrationId, post ? { forcePosts: [post] } : { forceChannel: true });
      if (outcome.status !== 'collected' && outcome.status !== 'skipped') this.deps.logger.info({ integrationId, outcome }, 'analytics: live read not done, serving stored figures');
    } catch (error: unknown) {
      this.deps.logger.warn({ err: error, integrationId }, 'analytics: live read failed, serving stored figures');
    }
  }

  /** A channel's series; null when the channel is not the organization's. */
  async channelSeries(organizationId: string, integrationId: string, days: number): Promise<MetricSeries[] | null> {
    const channel = await this.deps.snapshots.findChannel(organizationId, integrationId);
    if (!channel) return null;
    await this.freshen(channel.id, channel.id);
    return series(await this.deps.snapshots.series(channel.id, this.since(days)));
  }

  async channelPublic(organizationId: string, integrationId: string, days: number): Promise<AnalyticsData[] | null> {
    const list = await this.channelSeries(organizationId, integrationId, days);
    return list && toPublic(list);
  }

  /** A post's series; `{missing: true}` when its platform id is unknown, [] when it has none (docs/public-api.md §4.4). */
  async postPublic(organizationId: string, postId: string, days: number): Promise<AnalyticsData[] | { missing: true }> {
    const post = await this.deps.snapshots.findPost(organizationId, postId);
    if (!post?.releaseId) return [];
    if (post.releaseId === 'missing') return { missing: true };
    await this.freshen(post.id, post.integrationId, post.id);
    return toPublic(series(await this.deps.snapshots.series(post.id, this.since(days))));
  }

  /** The dashboard's page: the channel's series, and its best posts of the period with their latest figures. */
  async overview(organizationId: string, integrationId: string, days: number): Promise<ChannelOverview | null> {
    const channel = await this.deps.snapshots.findChannel(organizationId, integrationId);
    if (!channel) return null;
    const metrics = await this.channelSeries(organizationId, integrationId, days);
    const rankedBy = headlineMetric(channel.providerIdentifier);
    const top = await this.deps.snapshots.topPosts(channel.id, this.since(days), rankedBy, 10);
    const last = await this.deps.snapshots.lastCollection(channel.id);
    return {
      days,
      collectedAt: last?.toISOString() ?? null,
      metrics: metrics ?? [],
      rankedBy,
      topPosts: top.map((p) => ({ id: p.id, content: p.content, url: p.releaseURL, publishedAt: p.publishedAt?.toISOString() ?? null, metrics: p.metrics })),
    };
  }

  /** A post's latest figures, for the calendar's preview; null when the post is not the organization's. */
  async postFigures(organizationId: string, postId: string): Promise<PostFigures | null> {
    const post = await this.deps.snapshots.findPost(organizationId, postId);
    if (!post) return null;
    if (post.releaseId === 'missing') return { missing: true, collectedAt: null, metrics: [] };
    if (!post.releaseId || post.state !== 'PUBLISHED') return { collectedAt: null, metrics: [] };
    await this.freshen(post.id, post.integrationId, post.id);
    const rows = await this.deps.snapshots.series(post.id, new Date(0));
    const latest = series(rows).map((s) => ({ metric: s.metric, label: s.label, value: s.latest }));
    const last = await this.deps.snapshots.lastCollection(post.id);
    return { collectedAt: last?.toISOString() ?? null, metrics: latest };
  }
}
