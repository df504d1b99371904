import { type SandboxContext } from '../context';
import { postViews, shareOf } from '../core/metrics';
import { type SandboxRequest } from '../core/http-types';
import { type InvalidRequestError } from './x-errors';
import { type XTweet } from './x-state';
import { entitiesOf, tweetView } from './x-tweet-view';

/** `tweet.fields` values of the v2 reads (openapi.json, 2026); the newest spec names the parameter `post.fields`. */
export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'matched_media_notes', 'media_metadata', 'non_public_metrics', 'note_request_suggestions', 'note_tweet', 'organic_metrics',
  'paid_partnership', 'possibly_sensitive', 'promoted_metrics', 'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes',
  'source', 'suggested_source_links', 'suggested_source_links_with_counts', 'text', 'withheld',
];

export const TWEET_EXPANSIONS = [
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids',
  'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id',
  'entities.note.mentions.username', 'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id',
];

const MEDIA_FIELDS = ['alt_text', 'duration_ms', 'height', 'media_key', 'non_public_metrics', 'organic_metrics', 'preview_image_url', 'promoted_metrics', 'public_metrics', 'type', 'url', 'variants', 'width'];
const LOOKUP_PARAMS = ['tweet.fields', 'post.fields', 'expansions', 'media.fields', 'poll.fields', 'place.fields', 'user.fields'];

export function fieldList(raw: string | null): string[] {
  return raw ? raw.split(',').map((f) => f.trim()).filter(Boolean) : [];
}

export interface TweetQuery {
  fields: string[];
  expansions: string[];
}

/**
 * Reads the fields and expansions of a tweet read. X refuses any query parameter the endpoint does not define and
 * any value outside a list's enum, each with an invalid-request problem naming it.
 */
export function readTweetQuery(req: SandboxRequest, endpointParams: readonly string[]): { ok: true; query: TweetQuery } | { ok: false; errors: InvalidRequestError[] } {
  const allowed = [...endpointParams, ...LOOKUP_PARAMS];
  const errors: InvalidRequestError[] = [];
  for (const [name, value] of req.query) {
    if (!allowed.includes(name)) errors.push({ message: `The query parameter [${name}] is not one of [${allowed.join(',')}]`, parameters: { [name]: [value] } });
  }
  const check = (name: string, values: readonly string[]): string[] => {
    const list = fieldList(req.query.get(name));
    const bad = list.filter((f) => !values.includes(f));
    if (bad.length) errors.push({ message: `The \`${name}\` query parameter value [${bad.join(',')}] is not one of [${values.join(',')}]`, parameters: { [name]: [bad.join(',')] } });
    return list;
  };
  const fields = [...check('tweet.fields', TWEET_FIELDS), ...check('post.fields', TWEET_FIELDS)];
  const expansions = check('expansions', TWEET_EXPANSIONS);
  check('media.fields', MEDIA_FIELDS);
  return errors.length ? { ok: false, errors } : { ok: true, query: { fields, expansions } };
}

/** X's timestamps have second granularity. */
export function createdAtOf(tweet: XTweet): string {
  return new Date(Math.floor(tweet.createdAt / 1000) * 1000).toISOString();
}

export function tweetFields(ctx: SandboxContext, tweet: XTweet, fields: readonly string[]): Record<string, unknown> {
  const view = tweetView(ctx, tweet);
  const mediaKeys = tweet.mediaIds.map((id) => ctx.x.media.get(id)?.mediaKey ?? `3_${id}`);
  const referenced = [
    ...(tweet.replyToId ? [{ type: 'replied_to', id: tweet.replyToId }] : []),
    ...(tweet.quoteTweetId ? [{ type: 'quoted', id: tweet.quoteTweetId }] : []),
  ];
  const all: Record<string, unknown> = {
    author_id: tweet.authorId,
    conversation_id: tweet.conversationId,
    created_at: createdAtOf(tweet),
    display_text_range: [0, Array.from(view.text).length],
    entities: entitiesOf(view.urls),
    note_tweet: view.note ? { text: view.note.text, ...(view.note.urls.length ? { entities: { urls: view.note.urls } } : {}) } : undefined,
    in_reply_to_user_id: tweet.replyToUserId,
    attachments: mediaKeys.length ? { media_keys: mediaKeys } : undefined,
    referenced_tweets: referenced.length ? referenced : undefined,
    public_metrics: tweetPublicMetrics(tweet, ctx.clock.now()),
    reply_settings: 'everyone',
    lang: 'en',
    possibly_sensitive: false,
  };
  const out: Record<string, unknown> = { id: tweet.id, text: view.text, edit_history_tweet_ids: [tweet.id] };
  for (const f of fields) if (all[f] !== undefined) out[f] = all[f];
  return out;
}

/** `includes` for the expansions the sandbox can fill: the authors and the media of the tweets returned. */
export function includesFor(ctx: SandboxContext, tweets: readonly XTweet[], expansions: readonly string[]): Record<string, unknown> | undefined {
  const includes: Record<string, unknown> = {};
  if (expansions.includes('author_id')) {
    const users = [...new Set(tweets.map((t) => t.authorId))].map((id) => ctx.personas.byXUserId(id)?.x).filter((x) => x !== undefined);
    if (users.length) includes.users = users.map((x) => ({ id: x.id, name: x.name, username: x.username }));
  }
  if (expansions.includes('attachments.media_keys')) {
    const media = tweets.flatMap((t) => t.mediaIds).map((id) => ctx.x.media.get(id)).filter((m) => m !== undefined);
    if (media.length) includes.media = media.map((m) => ({ media_key: m.mediaKey, type: m.kind === 'video' ? 'video' : m.kind === 'gif' ? 'animated_gif' : 'photo' }));
  }
  return Object.keys(includes).length ? includes : undefined;
}

/** A tweet's `public_metrics`, growing with its age on the sandbox clock (core/metrics.ts). */
export function tweetPublicMetrics(tweet: XTweet, now: number): Record<string, number> {
  const views = postViews(tweet.id, now - tweet.createdAt);
  const likes = shareOf(tweet.id, views, 'like', 0.01, 0.06);
  return {
    retweet_count: shareOf(tweet.id, likes, 'retweet', 0.05, 0.25),
    reply_count: shareOf(tweet.id, likes, 'reply', 0.05, 0.3),
    like_count: likes,
    quote_count: shareOf(tweet.id, likes, 'quote', 0, 0.08),
    bookmark_count: shareOf(tweet.id, likes, 'bookmark', 0.05, 0.2),
    impression_count: views,
  };
}
