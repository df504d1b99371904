import { z } from 'zod';
import { isProviderError } from '../contracts/provider-error';
import type { AnalyticsInput, AnalyticsReader, AnalyticsResult, MetricSample } from '../contracts/provider.types';
import type { GraphClient } from './graph-client';

/**
 * Metrics Meta still offers (docs/analytics.md): Instagram's `impressions`, `plays` and `video_views` were retired in
 * 2025 for `views`; the Page's `page_impressions*` and `page_fans*` were retired in 2025 for `page_media_view` and
 * `page_follows`. A metric the platform calls invalid anyway is dropped and the others kept.
 */
export const INSTAGRAM_MEDIA_METRICS = ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions'] as const;
export const INSTAGRAM_ACCOUNT_METRICS = ['reach', 'views', 'accounts_engaged', 'total_interactions'] as const;
export const PAGE_METRICS = ['page_follows', 'page_post_engagements', 'page_views_total', 'page_media_view'] as const;

const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.unknown() })).optional(),
      total_value: z.object({ value: z.unknown() }).optional(),
    }),
  ),
});
const countsSchema = z.record(z.string(), z.unknown());
const fbPostSchema = z.object({
  id: z.string(),
  reactions: z.object({ summary: z.object({ total_count: z.number() }).optional() }).optional(),
  comments: z.object({ summary: z.object({ total_count: z.number() }).optional() }).optional(),
  shares: z.object({ count: z.number() }).optional(),
});

const FB_POST_FIELDS = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';
/** Graph's multiple-ID reads take at most 50 ids. */
export const GRAPH_IDS_BATCH = 50;

function fbPostSamples(post: z.infer<typeof fbPostSchema>): MetricSample[] {
  return [
    { metric: 'reactions', value: post.reactions?.summary?.total_count ?? 0 },
    { metric: 'comments', value: post.comments?.summary?.total_count ?? 0 },
    { metric: 'shares', value: post.shares?.count ?? 0 },
  ];
}

/** A post deleted on the platform (or no longer visible): `(#100)` unsupported get, `(#803)` unknown alias. */
function isGoneError(error: unknown): boolean {
  if (!isProviderError(error)) return false;
  const code = error.platform.code;
  return (code === 100 && !isRetiredMetricError(error)) || code === 803;
}

/** Graph's answer to a metric it does not (or no longer) offer: `(#100) ... valid insights metric` or `metric[0] must be one of`. */
export function isRetiredMetricError(error: unknown): boolean {
  if (!isProviderError(error) || error.platform.code !== 100) return false;
  const message = error.platform.message ?? '';
  return /valid insights metric/i.test(message) || /metric\[\d+\] must be one of/i.test(message);
}

/** `(#10)` / `(#200-299)`: the token lacks an insights permission (read_insights, instagram_manage_insights). */
function isMissingPermission(error: unknown): boolean {
  if (!isProviderError(error)) return false;
  const code = error.platform.code;
  return code === 10 || (code !== undefined && code >= 200 && code <= 299);
}

export interface MetaAnalyticsOptions {
  graph: GraphClient;
  base: string;
  kind: 'instagram' | 'facebook';
}

/** Insights and counts of an Instagram account (either host) or a Facebook Page, and of their posts. */
export class MetaAnalytics implements AnalyticsReader {
  /** Metrics this server has seen refused as retired: not asked again until it restarts. */
  private readonly retired = new Set<string>();

  constructor(private readonly options: MetaAnalyticsOptions) {}

  async collect(input: AnalyticsInput): Promise<AnalyticsResult> {
    const result: AnalyticsResult = { channel: [], posts: {}, dropped: [], requests: 0 };
    const token = input.tokens.accessToken;
    const ig = this.options.kind === 'instagram';
    const fields = ig ? 'followers_count,follows_count,media_count' : 'followers_count';
    const counts = await this.get(result, `${input.channel.id}`, { fields }, token, countsSchema);
    for (const [metric, value] of Object.entries(counts)) if (metric !== 'id' && typeof value === 'number') result.channel.push({ metric, value });
    const accountMetrics = ig ? INSTAGRAM_ACCOUNT_METRICS : PAGE_METRICS;
    const accountQuery: Record<string, string> = ig ? { period: 'day', metric_type: 'total_value' } : { period: 'day' };
    result.channel.push(...(await this.insights(result, input.channel.id, accountMetrics, accountQuery, token)));
    if (!ig) {
      // A Page's posts are plain fields: read 50 at a time (Graph's multiple-ID read).
      for (let i = 0; i < input.postIds.length; i += GRAPH_IDS_BATCH) Object.assign(result.posts, await this.pagePosts(result, input.postIds.slice(i, i + GRAPH_IDS_BATCH), token));
      return result;
    }
    for (const id of input.postIds) {
      try {
        result.posts[id] = await this.insights(result, id, INSTAGRAM_MEDIA_METRICS, {}, token);
      } catch (error: unknown) {
        if (isGoneError(error)) continue;
        throw error;
      }
    }
    return result;
  }

  /** `GET /?ids=…&fields=…`; when one of them is gone (#803), each alone, skipping the gone ones. */
  private async pagePosts(result: AnalyticsResult, ids: readonly string[], token: string): Promise<Record<string, MetricSample[]>> {
    const out: Record<string, MetricSample[]> = {};
    try {
      const answer = await this.get(result, '', { ids: ids.join(','), fields: FB_POST_FIELDS }, token, z.record(z.string(), fbPostSchema));
      for (const [id, post] of Object.entries(answer)) out[id] = fbPostSamples(post);
      return out;
    } catch (error: unknown) {
      if (!isGoneError(error)) throw error;
    }
    for (const id of ids) {
      try {
        out[id] = await this.pagePost(result, id, token);
      } catch (error: unknown) {
        if (!isGoneError(error)) throw error;
      }
    }
    return out;
  }

  private async pagePost(result: AnalyticsResult, id: string, token: string): Promise<MetricSample[]> {
    return fbPostSamples(await this.get(result, id, { fields: FB_POST_FIELDS }, token, fbPostSchema));
  }

  /** `GET /{id}/insights?metric=…`: one call for all; when Graph calls a metric invalid, each alone, dropping the refused. */
  private async insights(result: AnalyticsResult, id: string, wanted: readonly string[], query: Record<string, string>, token: string): Promise<MetricSample[]> {
    const metrics = wanted.filter((m) => !this.retired.has(m));
    if (metrics.length === 0) return [];
    try {
      return await this.insightsOnce(result, id, metrics, query, token);
    } catch (error: unknown) {
      // A channel connected before Herald asked for the insights permission still gets its counts: no insights, no failure.
      if (isMissingPermission(error)) return [];
      if (!isRetiredMetricError(error)) throw error;
    }
    const out: MetricSample[] = [];
    for (const metric of metrics) {
      try {
        out.push(...(await this.insightsOnce(result, id, [metric], query, token)));
      } catch (error: unknown) {
        if (!isRetiredMetricError(error)) throw error;
        this.retired.add(metric);
        if (!result.dropped.includes(metric)) result.dropped.push(metric);
      }
    }
    return out;
  }

  private async insightsOnce(result: AnalyticsResult, id: string, metrics: readonly string[], query: Record<string, string>, token: string): Promise<MetricSample[]> {
    const answer = await this.get(result, `${id}/insights`, { ...query, metric: metrics.join(',') }, token, insightsSchema);
    const out: MetricSample[] = [];
    for (const entry of answer.data) {
      const value = entry.total_value?.value ?? entry.values?.[entry.values.length - 1]?.value;
      if (typeof value === 'number') out.push({ metric: entry.name, value });
    }
    return out;
  }

  private get<T>(result: AnalyticsResult, path: string, query: Record<string, string>, token: string, schema: z.ZodType<T>): Promise<T> {
    result.requests += 1;
    return this.options.graph.request({ method: 'GET', url: path ? `${this.options.base}/${path}` : `${this.options.base}/`, query, token, schema });
  }
}
