import { avatarUrl, type SandboxContext } from '../context';
import { jsonReply } from '../core/http-types';
import { type Router } from '../core/router';
import { type Persona } from '../personas/personas';
import { authenticateXUser } from './x-auth';
import { v2InvalidRequest, v2NotFound } from './x-errors';
import { xRateLimit } from './x-limits';
import { type XTweet } from './x-state';
import { fieldList } from './x-tweets.routes';

export const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id', 'is_identity_verified',
  'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected',
  'public_metrics', 'receives_your_dm', 'subscription', 'subscription_type', 'url', 'username', 'verified', 'verified_followers_count',
  'verified_type', 'withheld',
];

export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics', 'public_metrics',
  'referenced_tweets', 'reply_settings', 'scopes', 'source', 'suggested_source_links', 'text', 'withheld',
];

function userFields(ctx: SandboxContext, persona: Persona, fields: string[]): Record<string, unknown> {
  const x = persona.x;
  const all: Record<string, unknown> = {
    created_at: x.createdAt,
    description: x.description,
    profile_image_url: avatarUrl(ctx, 'x', `${x.id}_normal`),
    protected: false,
    public_metrics: { followers_count: x.followers, following_count: 42, tweet_count: ctx.x.tweetsBy(x.id).length, listed_count: 0, like_count: 0, media_count: 0 },
    url: '',
    verified: false,
    verified_type: 'none',
  };
  const out: Record<string, unknown> = { id: x.id, name: x.name, username: x.username };
  for (const f of fields) if (f in all) out[f] = all[f];
  return out;
}

export function tweetFields(tweet: XTweet, fields: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    author_id: tweet.authorId,
    conversation_id: tweet.conversationId,
    created_at: new Date(tweet.createdAt).toISOString(),
    ...(tweet.replyToUserId ? { in_reply_to_user_id: tweet.replyToUserId } : {}),
    ...(tweet.mediaIds.length ? { attachments: { media_keys: tweet.mediaIds.map((m) => `3_${m}`) } } : {}),
    ...(tweet.replyToId || tweet.quoteTweetId
      ? {
          referenced_tweets: [
            ...(tweet.replyToId ? [{ type: 'replied_to', id: tweet.replyToId }] : []),
            ...(tweet.quoteTweetId ? [{ type: 'quoted', id: tweet.quoteTweetId }] : []),
          ],
        }
      : {}),
    public_metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
    reply_settings: 'everyone',
    lang: 'en',
  };
  const out: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  for (const f of fields) if (f in all) out[f] = all[f];
  return out;
}

export function registerXUserRoutes(router: Router, ctx: SandboxContext): void {
  router.get('/2/users/me', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'users.me', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const fields = fieldList(req.query.get('user.fields'));
    const bad = fields.filter((f) => !USER_FIELDS.includes(f));
    if (bad.length) {
      return v2InvalidRequest([{ message: `The \`user.fields\` query parameter value [${bad.join(',')}] is not one of [${USER_FIELDS.join(',')}]`, parameters: { 'user.fields': [bad.join(',')] } }], limit.headers);
    }
    const persona = ctx.personas.byXUserId(auth.access.userId);
    if (!persona) return v2NotFound('user', 'id', auth.access.userId);
    return jsonReply(200, { data: userFields(ctx, persona, fields) }, limit.headers);
  });

  router.get('/2/users/:id/tweets', (req, params) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'tweets.read', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const h = limit.headers;
    const id = params.id ?? '';
    if (!/^[0-9]{1,19}$/.test(id)) return v2InvalidRequest([{ message: `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`, parameters: { id: [id] } }], h);
    const persona = ctx.personas.byXUserId(id);
    if (!persona) return v2NotFound('user', 'id', id);
    const maxRaw = req.query.get('max_results');
    const max = maxRaw === null ? 10 : Number(maxRaw);
    if (!Number.isInteger(max) || max < 5 || max > 100) {
      return v2InvalidRequest([{ message: `The \`max_results\` query parameter value [${maxRaw}] is not between 5 and 100`, parameters: { max_results: [maxRaw] } }], h);
    }
    const fields = fieldList(req.query.get('tweet.fields'));
    const bad = fields.filter((f) => !TWEET_FIELDS.includes(f));
    if (bad.length) return v2InvalidRequest([{ message: `The \`tweet.fields\` query parameter value [${bad.join(',')}] is not one of [${TWEET_FIELDS.join(',')}]`, parameters: { 'tweet.fields': [bad.join(',')] } }], h);
    const exclude = fieldList(req.query.get('exclude'));
    const sinceId = req.query.get('since_id');
    let tweets = ctx.x
      .tweetsBy(id)
      .filter((t) => !(exclude.includes('replies') && t.replyToId))
      .filter((t) => !sinceId || BigInt(t.id) > BigInt(sinceId))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const token = req.query.get('pagination_token');
    if (token) {
      const start = tweets.findIndex((t) => t.id === Buffer.from(token, 'base64url').toString());
      tweets = start === -1 ? [] : tweets.slice(start);
    }
    const page = tweets.slice(0, max);
    const next = tweets[max];
    if (page.length === 0) return jsonReply(200, { meta: { result_count: 0 } }, h);
    return jsonReply(
      200,
      {
        data: page.map((t) => tweetFields(t, fields)),
        meta: {
          result_count: page.length,
          newest_id: page[0]?.id,
          oldest_id: page[page.length - 1]?.id,
          ...(next ? { next_token: Buffer.from(next.id).toString('base64url') } : {}),
        },
      },
      h,
    );
  });

  router.get('/1.1/account/verify_credentials.json', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const persona = ctx.personas.byXUserId(auth.access.userId);
    if (!persona) return jsonReply(401, { errors: [{ code: 89, message: 'Invalid or expired token.' }] });
    const x = persona.x;
    return jsonReply(200, {
      id: Number(x.id),
      id_str: x.id,
      name: x.name,
      screen_name: x.username,
      description: x.description,
      followers_count: x.followers,
      created_at: new Date(x.createdAt).toUTCString(),
      profile_image_url_https: avatarUrl(ctx, 'x', `${x.id}_normal`),
      verified: false,
    });
  });
}
