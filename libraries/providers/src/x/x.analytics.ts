import { z } from 'zod';
import { ProviderError } from '../contracts/provider-error';
import type { AnalyticsInput, AnalyticsReader, AnalyticsResult, MetricSample } from '../contracts/provider.types';
import { headerValue } from '../common/network-errors';
import type { XClients } from './x.client';
import { classifyXError } from './x.errors';

/** `GET /2/tweets?ids=` takes at most 100 ids (docs/analytics.md, X). */
export const X_TWEETS_BATCH = 100;

/** The counts X returns in a post's `public_metrics`, stored under these names. */
export const X_POST_METRICS = ['impression_count', 'like_count', 'retweet_count', 'reply_count', 'quote_count', 'bookmark_count'] as const;
/** The user's `public_metrics` kept per day. */
export const X_CHANNEL_METRICS = ['followers_count', 'following_count', 'tweet_count', 'listed_count'] as const;

const countsSchema = z.record(z.string(), z.number());
const tweetsSchema = z.object({
  data: z.array(z.object({ id: z.string(), public_metrics: countsSchema.optional() })).optional(),
});
const meSchema = z.object({ data: z.object({ id: z.string(), public_metrics: countsSchema.optional() }) });

function samples(counts: Record<string, number> | undefined, names: readonly string[]): MetricSample[] {
  if (!counts) return [];
  return names.filter((n) => typeof counts[n] === 'number').map((metric) => ({ metric, value: counts[metric] ?? 0 }));
}

/** Per-post `public_metrics` in batches of 100 and the user's own counts; stops at an exhausted read window. */
export class XAnalytics implements AnalyticsReader {
  constructor(
    private readonly clients: XClients,
    private readonly now: () => Date,
  ) {}

  async collect(input: AnalyticsInput): Promise<AnalyticsResult> {
    const { accessToken, accessSecret } = input.tokens;
    if (!accessSecret) throw new ProviderError('reconnect', 'x', 'The X channel has no OAuth 1.0a token secret: reconnect it');
    const client = this.clients.user(accessToken, accessSecret);
    const result: AnalyticsResult = { channel: [], posts: {}, dropped: [], requests: 0 };
    const call = async <T>(path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<T> => {
      result.requests += 1;
      try {
        const response = await client.v2.get<unknown>(path, query, { fullResponse: true });
        const pause = exhausted(response.headers, this.now());
        if (pause) result.pauseUntil = pause;
        const parsed = schema.safeParse(response.data);
        if (!parsed.success) throw new ProviderError('platform_error', 'x', `Unexpected response from /2/${path}`, { cause: parsed.error });
        return parsed.data;
      } catch (error: unknown) {
        throw classifyXError(error, { sideEffect: false, now: this.now });
      }
    };
    const me = await call('users/me', { 'user.fields': 'public_metrics' }, meSchema);
    result.channel = samples(me.data.public_metrics, X_CHANNEL_METRICS);
    const ids = [...new Set(input.postIds)];
    for (let i = 0; i < ids.length; i += X_TWEETS_BATCH) {
      // The window said it is used up: the rest waits for the next run instead of meeting a 429.
      if (result.pauseUntil) break;
      const batch = ids.slice(i, i + X_TWEETS_BATCH);
      const answer = await call('tweets', { ids: batch.join(','), 'tweet.fields': 'public_metrics' }, tweetsSchema);
      for (const tweet of answer.data ?? []) result.posts[tweet.id] = samples(tweet.public_metrics, X_POST_METRICS);
    }
    return result;
  }
}

/** `x-rate-limit-remaining: 0` on an answer: the window's reset time. */
function exhausted(headers: Readonly<Record<string, unknown>>, now: Date): Date | undefined {
  if (headerValue(headers, 'x-rate-limit-remaining') !== '0') return undefined;
  const reset = Number(headerValue(headers, 'x-rate-limit-reset'));
  return Number.isFinite(reset) && reset * 1000 > now.getTime() ? new Date(reset * 1000) : undefined;
}
