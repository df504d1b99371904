import { parseTweet } from 'twitter-text';
import { type SandboxContext } from '../context';
import { jsonReply, type SandboxReply } from '../core/http-types';
import { type Router } from '../core/router';
import { mediaLedgerEntry, mediaState } from './x-media-store';
import { authenticateXUser } from './x-auth';
import { v2InvalidRequest, v2NotFound, v2Problem } from './x-errors';
import { xRateLimit } from './x-limits';
import { type XTweet } from './x-state';
import { TweetCreateRequestSchema, exclusivityErrors, zodIssuesToXErrors } from './tweet-schema';
import { tweetLookup } from './x-timeline.routes';

export function registerXTweetRoutes(router: Router, ctx: SandboxContext): void {
  router.post('/2/tweets', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'tweets.create', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const h = limit.headers;
    if (!auth.access.write || auth.app.permission === 'read') {
      return v2Problem(403, 'Forbidden', 'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.', { type: 'https://api.x.com/2/problems/oauth1-permissions' }, h);
    }
    if (req.bodyKind !== 'json' || req.jsonInvalid) {
      return v2InvalidRequest([{ message: 'Requests with bodies must have content-type of application/json.' }], h);
    }
    const parsed = TweetCreateRequestSchema.safeParse(req.json);
    if (!parsed.success) return v2InvalidRequest(zodIssuesToXErrors(parsed.error), h);
    const body = parsed.data;
    const exclusive = exclusivityErrors(body);
    if (exclusive.length) return v2InvalidRequest(exclusive, h);
    const text = body.text ?? '';
    const mediaIds = body.media?.media_ids ?? [];
    if (text === '' && mediaIds.length === 0 && !body.poll) {
      return v2InvalidRequest([{ message: 'Your request must include either text, media or a poll.', parameters: { text: [] } }], h);
    }
    const poster = ctx.personas.byXUserId(auth.access.userId);
    const subscriber = poster !== undefined && poster.x.subscriptionType !== 'None';
    const maxLength = subscriber ? ctx.limits.tweetMaxWeightedLengthSubscriber : ctx.limits.tweetMaxWeightedLength;
    if (text !== '' && parseTweet(text).weightedLength > maxLength) {
      return v2InvalidRequest([{ message: 'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.', parameters: { text: [text] } }], h);
    }
    const mediaProblem = checkMedia(ctx, mediaIds, auth.access.userId);
    if (mediaProblem) return v2InvalidRequest([{ message: mediaProblem, parameters: { 'media.media_ids': mediaIds } }], h);

    let parent: XTweet | undefined;
    if (body.reply) {
      parent = ctx.x.tweets.get(body.reply.in_reply_to_tweet_id);
      if (!parent || parent.deleted) {
        return v2Problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.', {}, h);
      }
      const me = ctx.personas.byXUserId(auth.access.userId);
      const mentioned = me !== undefined && parent.text.toLowerCase().includes(`@${me.x.username.toLowerCase()}`);
      if (parent.authorId !== auth.access.userId && !mentioned) {
        return v2Problem(403, 'Forbidden', 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.', {}, h);
      }
    }
    if (body.quote_tweet_id && !ctx.x.tweets.get(body.quote_tweet_id)) {
      return v2Problem(403, 'Forbidden', 'You attempted to quote a Tweet that is deleted or not visible to you.', {}, h);
    }
    if (ctx.behaviour.refuseDuplicates && text !== '' && ctx.x.hasLiveTweetWithText(auth.access.userId, text)) {
      return v2Problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.', {}, h);
    }

    const id = ctx.x.tweetIds.next();
    const tweet: XTweet = {
      id,
      authorId: auth.access.userId,
      consumerKey: auth.app.consumerKey,
      text,
      createdAt: req.receivedAt,
      conversationId: parent ? parent.conversationId : id,
      mediaIds,
      deleted: false,
      ...(parent ? { replyToId: parent.id, replyToUserId: parent.authorId } : {}),
      ...(body.quote_tweet_id ? { quoteTweetId: body.quote_tweet_id } : {}),
    };
    ctx.x.addTweet(tweet);
    const persona = ctx.personas.byXUserId(tweet.authorId);
    ctx.ledger.recordPublished({
      platform: 'x',
      via: 'x-oauth1',
      kind: 'tweet',
      appId: auth.app.consumerKey,
      accountId: tweet.authorId,
      releaseId: id,
      text,
      mediaUrls: mediaIds.map((m) => `x-media:${m}`),
      media: mediaIds.map((m) => mediaLedgerEntry(ctx, m)).filter((m) => m !== undefined),
      ...(parent ? { replyToId: parent.id } : {}),
      permalink: `https://x.com/${persona?.x.username ?? 'i'}/status/${id}`,
      request: req.json,
      receivedAt: req.receivedAt,
    });
    return jsonReply(201, { data: { id, text, edit_history_tweet_ids: [id] } }, h);
  });

  router.get('/2/tweets/:id', (req, params) => tweetLookup(ctx, req, params.id ?? ''));

  router.delete('/2/tweets/:id', (req, params) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    const limit = xRateLimit(ctx, req, 'tweets.create', auth.access.userId, auth.app.consumerKey);
    if (!limit.ok) return limit.reply;
    const tweet = ctx.x.tweets.get(params.id ?? '');
    if (!tweet || tweet.deleted) return withHeaders(v2NotFound('tweet', 'id', params.id ?? ''), limit.headers);
    if (tweet.authorId !== auth.access.userId) return v2Problem(403, 'Forbidden', 'You are not allowed to delete a Tweet that is not your own.', {}, limit.headers);
    tweet.deleted = true;
    return jsonReply(200, { data: { deleted: true } }, limit.headers);
  });
}

function withHeaders(reply: SandboxReply, headers: Record<string, string>): SandboxReply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** Only known media, owned by (or shared with) the poster, fully processed; 4 images or 1 video/GIF. */
function checkMedia(ctx: SandboxContext, ids: string[], userId: string): string | undefined {
  const now = ctx.clock.now();
  const kinds: string[] = [];
  for (const id of ids) {
    const media = ctx.x.media.get(id);
    if (!media || now > media.expiresAt) return 'Your media IDs are invalid.';
    if (media.ownerId !== userId && !media.additionalOwners.includes(userId)) return 'Your media IDs are invalid.';
    if (mediaState(ctx, media).state !== 'succeeded') return 'Your media IDs are invalid.';
    kinds.push(media.kind);
  }
  if (kinds.some((k) => k !== 'image') && kinds.length > 1) return 'Your media IDs are invalid.';
  if (new Set(ids).size !== ids.length) return 'Your media IDs are invalid.';
  return undefined;
}
