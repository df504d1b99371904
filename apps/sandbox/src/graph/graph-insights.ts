import { type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { dailyFigure, postViews, SANDBOX_DAY_MS, shareOf } from '../core/metrics';
import { pageAccess } from '../facebook/fb-nodes';
import { resolveIgActor } from '../instagram/ig-actor';
import { graphError, paramError, permissionError } from './graph-errors';
import { type FbPost, type GraphToken, type IgMedia } from './graph-state';

// Insights as Meta serves them in 2026 (docs/analytics.md, "Sandbox"):
// - `GET /{ig-media-id}/insights?metric=` (Instagram Media Insights): lifetime `values`; `impressions`, `plays`,
//   `video_views`, `clips_replays_count` and `ig_reels_aggregated_all_plays_count` were retired in April 2025.
// - `GET /{ig-user-id}/insights?metric=&period=day&metric_type=total_value` (Instagram Account Insights): `views`,
//   `accounts_engaged` and `total_interactions` exist only as `total_value`; `impressions` is retired.
// - `GET /{page-id}/insights?metric=&period=day` (Page Insights): daily `values` with `end_time`; the
//   `page_impressions*`, `page_fans*` and `page_posts_impressions*` metrics were retired in 2025.
// A retired or unknown metric fails the whole call with `(#100)`, naming nothing, as Graph does.

const IG_MEDIA_METRICS = ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'navigation', 'replies'];
const IG_ACCOUNT_METRICS = ['reach', 'views', 'accounts_engaged', 'total_interactions', 'likes', 'comments', 'shares', 'saves', 'replies', 'follows_and_unfollows', 'profile_links_taps', 'follower_count', 'online_followers'];
const IG_TOTAL_VALUE_ONLY = ['views', 'accounts_engaged', 'total_interactions', 'likes', 'comments', 'shares', 'saves', 'replies', 'follows_and_unfollows', 'profile_links_taps'];
const PAGE_METRICS = ['page_follows', 'page_daily_follows', 'page_daily_unfollows', 'page_daily_follows_unique', 'page_post_engagements', 'page_views_total', 'page_media_view', 'page_total_media_view_unique', 'page_total_actions', 'page_video_views'];

const TITLES: Record<string, string> = {
  views: 'Views', reach: 'Accounts reached', likes: 'Likes', comments: 'Comments', saved: 'Saves', shares: 'Shares',
  total_interactions: 'Interactions', accounts_engaged: 'Accounts engaged', page_follows: 'Followers',
  page_post_engagements: 'Post engagements', page_views_total: 'Page views', page_media_view: 'Media views',
};

/** An Instagram media's lifetime figures at `now`. */
export function igMediaFigures(m: IgMedia, now: number): Record<string, number> {
  const views = postViews(m.id, now - m.createdAt);
  const reach = shareOf(m.id, views, 'reach', 0.55, 0.85);
  const likes = shareOf(m.id, reach, 'likes', 0.03, 0.12);
  const comments = shareOf(m.id, likes, 'comments', 0.02, 0.15);
  const saved = shareOf(m.id, likes, 'saved', 0.05, 0.3);
  const shares = shareOf(m.id, likes, 'shares', 0.02, 0.2);
  return { views, reach, likes, comments, saved, shares, total_interactions: likes + comments + saved + shares };
}

/** A Page post's reactions, comments (beyond those made through the API) and shares at `now`. */
export function fbPostFigures(p: FbPost, now: number): { reactions: number; comments: number; shares: number } {
  const views = postViews(p.id, now - p.createdAt);
  const reactions = shareOf(p.id, views, 'reactions', 0.01, 0.07);
  return { reactions, comments: shareOf(p.id, reactions, 'comments', 0.02, 0.2), shares: shareOf(p.id, reactions, 'shares', 0.01, 0.15) };
}

function invalidMetric(list: readonly string[], index: number): SandboxReply {
  return paramError(`metric[${index}] must be one of the following values: ${list.join(', ')}`);
}

function metricsOf(params: Map<string, string>): string[] | undefined {
  const raw = params.get('metric');
  return raw ? raw.split(',').map((m) => m.trim()).filter(Boolean) : undefined;
}

function entry(id: string, name: string, period: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { name, period, ...extra, title: TITLES[name] ?? name, description: `${TITLES[name] ?? name} (sandbox).`, id: `${id}/insights/${name}/${period}` };
}

function dayStartOf(ms: number): number {
  return Math.floor(ms / SANDBOX_DAY_MS) * SANDBOX_DAY_MS;
}

/** `GET /{ig-media-id}/insights`. */
export function igMediaInsights(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, media: IgMedia): SandboxReply {
  const actor = resolveIgActor(ctx, token, media.igUserId, 'read', 'GET');
  if ('status' in actor) return actor;
  if (!insightsScope(token)) return permissionError(10, 'Application does not have permission for this action');
  const metrics = metricsOf(allParams(req));
  if (!metrics) return paramError('The parameter metric is required');
  if (retired(ctx, metrics)) return paramError('The value must be a valid insights metric');
  const bad = metrics.findIndex((m) => !IG_MEDIA_METRICS.includes(m));
  if (bad >= 0) return invalidMetric(IG_MEDIA_METRICS, bad);
  const figures = igMediaFigures(media, ctx.clock.now());
  // "If insights data you are requesting does not exist or is currently unavailable, the API returns an empty data set."
  const data = metrics.filter((m) => m in figures).map((m) => entry(media.id, m, 'lifetime', { values: [{ value: figures[m] }] }));
  return jsonReply(200, { data });
}

/** `GET /{ig-user-id}/insights`. */
export function igAccountInsights(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, igUserId: string): SandboxReply {
  const actor = resolveIgActor(ctx, token, igUserId, 'read', 'GET');
  if ('status' in actor) return actor;
  if (!insightsScope(token)) return permissionError(10, 'Application does not have permission for this action');
  const params = allParams(req);
  const metrics = metricsOf(params);
  if (!metrics) return paramError('The parameter metric is required');
  if (retired(ctx, metrics)) return paramError('The value must be a valid insights metric');
  const bad = metrics.findIndex((m) => !IG_ACCOUNT_METRICS.includes(m));
  if (bad >= 0) return invalidMetric(IG_ACCOUNT_METRICS, bad);
  const period = params.get('period');
  if (!period) return paramError('The parameter period is required');
  const totalValue = params.get('metric_type') === 'total_value';
  const needTotal = metrics.filter((m) => IG_TOTAL_VALUE_ONLY.includes(m));
  if (!totalValue && needTotal.length) return paramError(`The following metrics (${needTotal.join(', ')}) should be specified with parameter metric_type=total_value`);
  const today = dayStartOf(ctx.clock.now());
  const scale = (m: string): number => (m === 'views' ? 3000 : m === 'reach' ? 1500 : 200);
  const data = metrics.map((m) => {
    const value = dailyFigure(igUserId, m, today, scale(m));
    return totalValue ? entry(igUserId, m, period, { total_value: { value } }) : entry(igUserId, m, period, { values: [{ value, end_time: graphTime(today + SANDBOX_DAY_MS) }] });
  });
  return jsonReply(200, { data });
}

/** `GET /{page-id}/insights`: one value per day, yesterday and today, as Graph's default range gives. */
export function pageInsights(ctx: SandboxContext, req: SandboxRequest, token: GraphToken, pageId: string): SandboxReply {
  const page = pageAccess(ctx, token, pageId);
  if (!page) return graphError(400, { message: `(#100) Tried accessing nonexisting field (insights) on node type (User)`, code: 100 });
  if (!token.scopes.includes('read_insights')) return permissionError(10, 'This endpoint requires the read_insights permission');
  const params = allParams(req);
  const metrics = metricsOf(params);
  if (!metrics) return paramError('The value must be a valid insights metric');
  if (retired(ctx, metrics) || metrics.some((m) => !PAGE_METRICS.includes(m))) return paramError('The value must be a valid insights metric');
  const period = params.get('period') ?? 'day';
  const today = dayStartOf(ctx.clock.now());
  const scale = (m: string): number => (m === 'page_media_view' ? 5000 : m === 'page_views_total' ? 300 : m === 'page_follows' ? 0 : 150);
  const data = metrics.map((m) => {
    const values = [today - SANDBOX_DAY_MS, today].map((day) => ({
      value: m === 'page_follows' ? 120 + Math.floor((day - Date.UTC(2026, 0, 1)) / SANDBOX_DAY_MS) : dailyFigure(pageId, m, day, scale(m)),
      end_time: graphTime(day + SANDBOX_DAY_MS),
    }));
    return entry(pageId, m, period, { values });
  });
  return jsonReply(200, { data, paging: {} });
}

function retired(ctx: SandboxContext, metrics: readonly string[]): boolean {
  return metrics.some((m) => ctx.behaviour.retiredInsightsMetrics.includes(m));
}

function insightsScope(token: GraphToken): boolean {
  return token.scopes.includes('instagram_manage_insights') || token.scopes.includes('instagram_business_manage_insights');
}

function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
