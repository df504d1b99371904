import { ProviderError } from '../contracts/provider-error';
import type { OutcomeQuery, PublishOutcome } from '../contracts/provider.types';
import type { XClients } from './x.client';
import { classifyXError } from './x.errors';
import { requireSecret } from './x.oauth';
import { userTweetsSchema } from './x.schemas';
import { isSameTweet, type ReadTweet } from './x.text-match';

const CLOCK_SKEW_MS = 60_000;
const PAGE_SIZE = 100;
/** At most this many pages of the timeline are read for one check (500 tweets since the attempt). */
const MAX_PAGES = 5;

export interface XOutcomeOptions {
  clients: XClients;
  now: () => Date;
}

/**
 * Finds a tweet Herald sent when X's answer was lost (or refused as a duplicate): the channel's own timeline
 * (`GET /2/users/:id/tweets`) from the attempt's start, a minute of clock skew before it, page after page, compared
 * as X renders texts (x.text-match.ts). The earliest match is the one the attempt made.
 */
export class XOutcomeLookup {
  constructor(private readonly options: XOutcomeOptions) {}

  async find(query: OutcomeQuery): Promise<PublishOutcome> {
    const client = this.options.clients.user(query.tokens.accessToken, requireSecret(query.tokens));
    // X's times have second granularity and start_time is inclusive.
    const startTime = new Date(Math.floor((query.since.getTime() - CLOCK_SKEW_MS) / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
    let match: ReadTweet | undefined;
    let next: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let body: unknown;
      try {
        body = await client.v2.get<unknown>(`users/${encodeURIComponent(query.channel.id)}/tweets`, {
          max_results: PAGE_SIZE,
          start_time: startTime,
          'tweet.fields': 'created_at,entities,note_tweet,display_text_range',
          ...(next ? { pagination_token: next } : {}),
        });
      } catch (error: unknown) {
        throw classifyXError(error, { sideEffect: false, now: this.options.now });
      }
      const parsed = userTweetsSchema.safeParse(body);
      if (!parsed.success) throw new ProviderError('platform_error', 'x', 'Unexpected answer from X to the user timeline');
      // Newest first: the last match seen is the earliest.
      for (const tweet of parsed.data.data ?? []) if (isSameTweet(query.text, tweet)) match = tweet;
      next = parsed.data.meta?.next_token;
      if (!next) break;
    }
    return match ? { status: 'published', id: match.id, url: tweetUrl(query.channel.username, match.id) } : { status: 'not_found' };
  }
}

export function tweetUrl(username: string | undefined, id: string): string {
  return username ? `https://x.com/${username}/status/${id}` : `https://x.com/i/web/status/${id}`;
}
