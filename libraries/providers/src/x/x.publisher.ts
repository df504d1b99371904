import { ProviderError } from '../contracts/provider-error';
import type { CommentInput, MediaContent, MediaRef, OutcomeQuery, PublishInput, PublishOutcome, PublishedPost } from '../contracts/provider.types';
import { parseJsonOrText } from '../common/network-errors';
import { TWEETS_PATH, type XClients, type XRawResponse } from './x.client';
import { classifyXError, classifyXResponse, exhaustedLimits } from './x.errors';
import { checkXMediaSize, type XMediaUploader } from './x.media';
import { requireSecret } from './x.oauth';
import { tweetUrl, XOutcomeLookup } from './x.outcome';
import { tweetCreatedSchema } from './x.schemas';
import { xTweetOptions, type XTweetOptions } from './x.settings';

const MAX_MEDIA = 4;

export interface XPublisherOptions {
  clients: XClients;
  uploader: XMediaUploader;
  now: () => Date;
}

/** POST /2/tweets body (https://docs.x.com/x-api/posts/create-posts), the post's settings under X's names. */
interface TweetBody extends XTweetOptions {
  text: string;
  media?: { media_ids: string[] };
  reply?: { in_reply_to_tweet_id: string };
}

/** Tweets through POST /2/tweets (docs/platforms.md A.5); replies chain with `reply.in_reply_to_tweet_id`. */
export class XPublisher {
  private readonly outcomes: XOutcomeLookup;

  constructor(private readonly options: XPublisherOptions) {
    this.outcomes = new XOutcomeLookup({ clients: options.clients, now: options.now });
  }

  publish(input: PublishInput): Promise<PublishedPost> {
    return this.tweet(input, undefined);
  }

  comment(input: CommentInput): Promise<PublishedPost> {
    return this.tweet(input, input.parentId);
  }

  /** A lost answer: the tweet looked for on the channel's timeline, as X renders it (x.outcome.ts). */
  checkOutcome(query: OutcomeQuery): Promise<PublishOutcome> {
    return this.outcomes.find(query);
  }

  private async tweet(input: PublishInput, replyTo: string | undefined): Promise<PublishedPost> {
    const options = xTweetOptions(input.settings, { first: replyTo === undefined });
    if (input.media.length > MAX_MEDIA) throw new ProviderError('bad_content', 'x', 'X takes at most 4 images, or 1 video or GIF');
    const mediaIds = await this.upload(input);
    const body: TweetBody = { text: input.text, ...options };
    if (mediaIds.length) body.media = { media_ids: mediaIds };
    if (replyTo) body.reply = { in_reply_to_tweet_id: replyTo };
    const failure = { sideEffect: true, now: this.options.now };
    // The engine's lease may have run out during the uploads: then the tweet is not sent (PublishInput.signal).
    input.signal?.throwIfAborted();
    let answer: XRawResponse;
    try {
      answer = await this.options.clients.postJson(TWEETS_PATH, input.tokens.accessToken, requireSecret(input.tokens), body, input.signal);
    } catch (error: unknown) {
      throw classifyXError(error, failure);
    }
    if (answer.status < 200 || answer.status >= 300) throw classifyXResponse(answer.status, answer.text, answer.headers, failure);
    const parsed = tweetCreatedSchema.safeParse(parseJsonOrText(answer.text));
    if (!parsed.success) throw new ProviderError('unknown_outcome', 'x', 'X accepted the tweet but its answer was unreadable');
    const pauses = exhaustedLimits(answer.headers, this.options.now());
    return { id: parsed.data.data.id, url: tweetUrl(input.channel.username, parsed.data.data.id), ...(pauses.length > 0 ? { pauses } : {}) };
  }

  /**
   * The post's media, uploaded through the general client (made only when there is media: a text tweet needs none).
   * Every file is opened and its size checked against X's caps before the first byte goes to X.
   */
  private async upload(input: PublishInput): Promise<string[]> {
    if (input.media.length === 0) return [];
    const opened: Array<[MediaRef, MediaContent]> = [];
    for (const media of input.media) {
      const content = await openMedia(media);
      checkXMediaSize(media, content.size);
      opened.push([media, content]);
    }
    const client = this.options.clients.user(input.tokens.accessToken, requireSecret(input.tokens));
    const mediaIds: string[] = [];
    for (const [media, content] of opened) mediaIds.push(await this.options.uploader.upload(client, media, content));
    return mediaIds;
  }
}

/** A media file opened in Herald's storage; nothing has reached X yet, so a failure leaves no side effect. */
async function openMedia(media: MediaRef): Promise<MediaContent> {
  try {
    return await media.open();
  } catch (error: unknown) {
    throw new ProviderError('bad_content', 'x', error instanceof Error ? error.message : 'A media file of the post could not be read');
  }
}
