import { callbackUrl, type ProvidersConfig, type ResolvedDeps, type XConfig } from '../contracts/provider-config';
import { PROVIDER_METADATA } from '../contracts/provider-metadata';
import type {
  CallbackQueryReader,
  AuthorizationCallback,
  AuthorizationStart,
  ChannelTokens,
  CommentInput,
  ConnectedChannel,
  CredentialsCheck,
  OutcomeQuery,
  PublishInput,
  PublishOutcome,
  PublishedPost,
  SocialProvider,
} from '../contracts/provider.types';
import { XAnalytics } from './x.analytics';
import { TWEETS_PATH, XClients } from './x.client';
import { XMediaUploader } from './x.media';
import { XOAuth } from './x.oauth';
import { XPublisher } from './x.publisher';

const DEFAULT_PROCESSING_TIMEOUT_MS = 5 * 60_000;

/** X through OAuth 1.0a user context: tokens never expire, only revocation ends them. */
export class XProvider implements SocialProvider {
  readonly identifier = 'x' as const;
  readonly metadata = PROVIDER_METADATA.x;
  /** A thread is a chain of replies, each to the tweet before it. */
  readonly threadReplyTo = 'previous' as const;
  /** Replies are tweets of the timeline, so the outcome check finds them. */
  readonly findsReplies = true;
  /** OAuth 1.0a: the callback names the request token (`oauth_token`), or `denied=<token>` when the person declined. */
  readonly callbackQuery: CallbackQueryReader = {
    requestToken: (query) => query.oauth_token ?? query.denied,
    declined: (query) => query.denied !== undefined,
  };
  private readonly oauth: XOAuth;
  private readonly publisher: XPublisher;
  private readonly clients: XClients;
  readonly analytics: XAnalytics;

  constructor(config: ProvidersConfig & { x: XConfig }, deps: ResolvedDeps) {
    const clients = new XClients(config.x, config.requestTimeoutMs, deps.httpsAgent);
    this.clients = clients;
    this.analytics = new XAnalytics(clients, deps.now);
    this.oauth = new XOAuth({ clients, callbackUrl: callbackUrl(config, this.identifier), now: deps.now });
    this.publisher = new XPublisher({
      clients,
      uploader: new XMediaUploader({
        sleep: deps.sleep,
        now: deps.now,
        processingTimeoutMs: config.containerPollTimeoutMs ?? DEFAULT_PROCESSING_TIMEOUT_MS,
      }),
      now: deps.now,
    });
  }

  /** X has no `state`: the caller binds the flow to the returned request token instead. */
  startAuthorization(_input: { state: string }): Promise<AuthorizationStart> {
    return this.oauth.startAuthorization();
  }

  authenticate(input: AuthorizationCallback): Promise<ConnectedChannel> {
    return this.oauth.authenticate(input);
  }

  revoke(tokens: ChannelTokens): Promise<void> {
    return this.oauth.revoke(tokens);
  }

  checkCredentials(): Promise<CredentialsCheck> {
    return this.oauth.checkCredentials();
  }

  prepare(input: PublishInput, at: Date): void {
    if (!input.tokens.accessSecret) return;
    this.clients.presign(TWEETS_PATH, input.tokens.accessToken, input.tokens.accessSecret);
    this.clients.expect(TWEETS_PATH, at);
  }

  publish(input: PublishInput): Promise<PublishedPost> {
    return this.publisher.publish(input);
  }

  comment(input: CommentInput): Promise<PublishedPost> {
    return this.publisher.comment(input);
  }

  checkOutcome(input: OutcomeQuery): Promise<PublishOutcome> {
    return this.publisher.checkOutcome(input);
  }
}
