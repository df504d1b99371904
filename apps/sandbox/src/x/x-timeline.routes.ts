import { type SandboxContext } from '../context';
import { jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { authenticateXUser } from './x-auth';
import { type InvalidRequestError, v2InvalidRequest, v2NotFound } from './x-errors';
import { xRateLimit } from './x-limits';
import { type XTweet } from './x-state';
import { fieldList, includesFor, readTweetQuery, type TweetQuery, tweetFields } from './x-tweet-fields';

// The reads of tweets (docs/platforms.md, "X: reading tweets back"; openapi.json `GET /2/users/{id}/tweets`,
// `GET /2/tweets`, `GET /2/tweets/{id}`): texts come back as X renders them, never as they were posted.
const TIMELINE_PARAMS = ['id', 'max_results', 'pagination_token', 'start_time', 'end_time', 'since_id', 'until_id', 'exclude'];
const ID_PATTERN = /^[0-9]{1,19}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const EARLIEST_TIME = Date.parse('2010-11-06T00:00:00Z');
/** "Only the 3200 most recent Tweets are available"; 800 when replies are excluded (Timelines integration guide). */
const TIMELINE_DEPTH = 3200;
const TIMELINE_DEPTH_WITHOUT_REPLIES = 800;
const EXCLUDE_VALUES = ['replies', 'retweets'];

function newestFirst(a: XTweet, b: XTweet): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x > y ? -1 : 1;
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

interface TimelineWindow {
  max: number;
  sinceId?: bigint;
  untilId?: bigint;
  startSec?: number;
  endSec?: number;
  excludeReplies: boolean;
  token?: { direction: 'n' | 'p'; id: bigint };
}

/** Every timeline parameter checked as X checks it; each problem is named in the answer. */
function readWindow(req: SandboxRequest): { ok: true; window: TimelineWindow } | { ok: false; errors: InvalidRequestError[] } {
  const errors: InvalidRequestError[] = [];
  const q = req.query;
  const invalid = (name: string, value: string, why: string): void => {
    errors.push({ message: `The \`${name}\` query parameter value [${value}] ${why}`, parameters: { [name]: [value] } });
  };
  const maxRaw = q.get('max_results');
  const max = maxRaw === null ? 10 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 5 || max > 100) invalid('max_results', String(maxRaw), 'is not between 5 and 100');
  const time = (name: string): number | undefined => {
    const raw = q.get(name);
    if (raw === null) return undefined;
    const at = Date.parse(raw);
    if (!RFC3339.test(raw) || !Number.isFinite(at)) invalid(name, raw, 'is not a valid RFC 3339 date-time');
    else if (at < EARLIEST_TIME) invalid(name, raw, 'must be on or after 2010-11-06T00:00:00Z');
    else return seconds(at);
    return undefined;
  };
  const startSec = time('start_time');
  const endSec = time('end_time');
  if (startSec !== undefined && endSec !== undefined && startSec >= endSec) {
    errors.push({ message: `Invalid 'start_time':'${q.get('start_time')}'. 'start_time' must be before 'end_time':'${q.get('end_time')}'`, parameters: { start_time: [q.get('start_time')], end_time: [q.get('end_time')] } });
  }
  const id = (name: string): bigint | undefined => {
    const raw = q.get(name);
    if (raw === null) return undefined;
    if (!ID_PATTERN.test(raw)) invalid(name, raw, 'does not match ^[0-9]{1,19}$');
    return ID_PATTERN.test(raw) ? BigInt(raw) : undefined;
  };
  const sinceId = id('since_id');
  const untilId = id('until_id');
  const exclude = fieldList(q.get('exclude'));
  const badExclude = exclude.filter((e) => !EXCLUDE_VALUES.includes(e));
  if (badExclude.length) invalid('exclude', badExclude.join(','), `is not one of [${EXCLUDE_VALUES.join(',')}]`);
  const rawToken = q.get('pagination_token');
  const parsedToken = rawToken === null ? undefined : /^[np][0-9a-z]{1,14}$/.exec(rawToken) ? { direction: rawToken[0] as 'n' | 'p', id: BigInt(parseInt36(rawToken.slice(1))) } : null;
  if (parsedToken === null) invalid('pagination_token', String(rawToken), 'is not a valid pagination token');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    window: {
      max,
      excludeReplies: exclude.includes('replies'),
      ...(sinceId !== undefined ? { sinceId } : {}),
      ...(untilId !== undefined ? { untilId } : {}),
      ...(startSec !== undefined ? { startSec } : {}),
      ...(endSec !== undefined ? { endSec } : {}),
      ...(parsedToken ? { token: parsedToken } : {}),
    },
  };
}

function parseInt36(digits: string): string {
  let value = 0n;
  for (const d of digits) value = value * 36n + BigInt(parseInt(d, 36));
  return value.toString();
}

function token(direction: 'n' | 'p', tweet: XTweet | undefined): string | undefined {
  return tweet ? `${direction}${BigInt(tweet.id).toString(36)}` : undefined;
}

/** The user's tweets in the window, newest first; `since_id` and `until_id` take precedence over the times. */
function inWindow(ctx: SandboxContext, userId: string, w: TimelineWindow): XTweet[] {
  const shown = ctx.clock.now() - ctx.timing.xTimelineLagMs;
  const all = ctx.x.tweetsBy(userId).filter((t) => t.createdAt <= shown).sort(newestFirst);
  const available = w.excludeReplies ? all.filter((t) => !t.replyToId).slice(0, TIMELINE_DEPTH_WITHOUT_REPLIES) : all.slice(0, TIMELINE_DEPTH);
  return available.filter((t) => {
    const created = seconds(t.createdAt);
    const id = BigInt(t.id);
    if (w.sinceId !== undefined ? id <= w.sinceId : w.startSec !== undefined && created < w.startSec) return false;
    if (w.untilId !== undefined ? id >= w.untilId : w.endSec !== undefined && created > w.endSec) return false;
    return true;
  });
}

function timeline(ctx: SandboxContext, userId: string, query: TweetQuery, w: TimelineWindow, headers: Record<string, string>): SandboxReply {
  const tweets = inWindow(ctx, userId, w);
  let start = 0;
  if (w.token) {
    const at = tweets.findIndex((t) => BigInt(t.id) <= (w.token?.id ?? 0n));
    const anchor = at === -1 ? tweets.length : at;
    start = w.token.direction === 'n' ? anchor : Math.max(0, anchor - w.max);
  }
  const page = tweets.slice(start, start + w.max);
  if (page.length === 0) return jsonReply(200, { meta: { result_count: 0 } }, headers);
  const next = token('n', tweets[start + w.max]);
  const previous = start > 0 ? token('p', page[0]) : undefined;
  const includes = includesFor(ctx, page, query.expansions);
  return jsonReply(
    200,
    {
      data: page.map((t) => tweetFields(ctx, t, query.fields)),
      ...(includes ? { includes } : {}),
      meta: { result_count: page.length, newest_id: page[0]?.id, oldest_id: page[page.length - 1]?.id, ...(next ? { next_token: next } : {}), ...(previous ? { previous_token: previous } : {}) },
    },
    headers,
  );
}

/** `GET /2/tweets/:id`: one tweet as X renders it, or a resource-not-found error. */
export function tweetLookup(ctx: SandboxContext, req: SandboxRequest, id: string): SandboxReply {
  const auth = authenticateXUser(ctx, req);
  if (!auth.ok) return auth.reply;
  const limit = xRateLimit(ctx, req, 'tweets.read', auth.access.userId, auth.app.consumerKey);
  if (!limit.ok) return limit.reply;
  const read = readTweetQuery(req, []);
  if (!read.ok) return v2InvalidRequest(read.errors, limit.headers);
  if (!ID_PATTERN.test(id)) return v2InvalidRequest([{ message: `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`, parameters: { id: [id] } }], limit.headers);
  const tweet = ctx.x.tweets.get(id);
  if (!tweet || tweet.deleted) {
    const missing = v2NotFound('tweet', 'id', id);
    return { ...missing, headers: { ...missing.headers, ...limit.headers } };
  }
  const includes = includesFor(ctx, [tweet], read.query.expansions);
  return jsonReply(200, { data: tweetFields(ctx, tweet, read.query.fields), ...(includes ? { includes } : {}) }, limit.headers);
}

export function registerXTimelineRoutes(router: Router, ctx: SandboxContext): void {
  router.get('/2/users/:id/tweets', (req, params) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'tweets.read', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const h = limit.headers;
    const id = params.id ?? '';
    if (!ID_PATTERN.test(id)) return v2InvalidRequest([{ message: `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`, parameters: { id: [id] } }], h);
    const read = readTweetQuery(req, TIMELINE_PARAMS);
    const window = readWindow(req);
    const errors = [...(read.ok ? [] : read.errors), ...(window.ok ? [] : window.errors)];
    if (!read.ok || !window.ok) return v2InvalidRequest(errors, h);
    if (!ctx.personas.byXUserId(id)) return v2NotFound('user', 'id', id);
    return timeline(ctx, id, read.query, window.window, h);
  });

  /** `GET /2/tweets?ids=`: up to 100 tweets; the missing ones are listed under `errors`, with HTTP 200. */
  router.get('/2/tweets', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'tweets.read', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const read = readTweetQuery(req, ['ids']);
    if (!read.ok) return v2InvalidRequest(read.errors, limit.headers);
    const ids = fieldList(req.query.get('ids'));
    if (ids.length < 1 || ids.length > 100 || ids.some((i) => !ID_PATTERN.test(i))) {
      return v2InvalidRequest([{ message: `The \`ids\` query parameter value [${req.query.get('ids') ?? ''}] must be 1 to 100 ids matching ^[0-9]{1,19}$`, parameters: { ids: [req.query.get('ids') ?? ''] } }], limit.headers);
    }
    const found = ids.map((i) => ctx.x.tweets.get(i)).filter((t): t is XTweet => t !== undefined && !t.deleted);
    const missing = ids.filter((i) => !found.some((t) => t.id === i));
    const includes = includesFor(ctx, found, read.query.expansions);
    const errors = missing.map(notFoundEntry);
    return jsonReply(
      200,
      { ...(found.length ? { data: found.map((t) => tweetFields(ctx, t, read.query.fields)) } : {}), ...(includes ? { includes } : {}), ...(errors.length ? { errors } : {}) },
      limit.headers,
    );
  });
}

function notFoundEntry(id: string): Record<string, unknown> {
  return {
    value: id,
    detail: `Could not find tweet with ids: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'tweet',
    parameter: 'ids',
    resource_id: id,
    type: 'https://api.x.com/2/problems/resource-not-found',
  };
}
