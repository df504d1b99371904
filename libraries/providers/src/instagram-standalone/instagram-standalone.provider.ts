import { callbackUrl, type InstagramStandaloneConfig, type ProvidersConfig, type ResolvedDeps } from '../contracts/provider-config';
import { INSTAGRAM_STANDALONE_SCOPES, PROVIDER_METADATA } from '../contracts/provider-metadata';
import type {
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
  PublishingQuotaReader,
  SocialProvider,
} from '../contracts/provider.types';
import { GraphClient, graphBase } from '../meta-common/graph-client';
import { MetaAnalytics } from '../meta-common/meta-analytics';
import { InstagramPublisher } from '../meta-common/instagram-publisher';
import { InstagramStandaloneOAuth } from './instagram-standalone.oauth';

const DEFAULT_POLL_TIMEOUT_MS = 5 * 60_000;

/** Instagram through Instagram Login: no Facebook Page, graph.instagram.com, refreshable 60-day tokens. */
export class InstagramStandaloneProvider implements SocialProvider {
  readonly identifier = 'instagram-standalone' as const;
  readonly metadata = PROVIDER_METADATA['instagram-standalone'];
  private readonly oauth: InstagramStandaloneOAuth;
  private readonly publisher: InstagramPublisher;
  readonly analytics: MetaAnalytics;
  readonly quota: PublishingQuotaReader;

  constructor(config: ProvidersConfig & { instagramStandalone: InstagramStandaloneConfig }, deps: ResolvedDeps) {
    const graph = new GraphClient({
      provider: this.identifier,
      http: deps.http,
      timeoutMs: config.requestTimeoutMs,
      refreshable: true,
      now: deps.now,
      grantable: INSTAGRAM_STANDALONE_SCOPES,
    });
    this.oauth = new InstagramStandaloneOAuth({
      config: config.instagramStandalone,
      graphVersion: config.graphVersion,
      redirectUri: callbackUrl(config, this.identifier),
      graph,
      now: deps.now,
    });
    const base = graphBase(config.instagramStandalone.graphUrl, config.graphVersion);
    this.analytics = new MetaAnalytics({ graph, base, kind: 'instagram' });
    this.publisher = new InstagramPublisher({
      graph,
      base,
      pollTimeoutMs: config.containerPollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
      sleep: deps.sleep,
      now: deps.now,
      // IG User Media / Comments references, Instagram Login column.
      permissions: { publish: ['instagram_business_content_publish'], comment: ['instagram_business_manage_comments'] },
    });
    this.quota = this.publisher.quotaReader();
  }

  startAuthorization(input: { state: string }): Promise<AuthorizationStart> {
    return Promise.resolve({ url: this.oauth.authorizationUrl(input.state) });
  }

  authenticate(input: AuthorizationCallback): Promise<ConnectedChannel> {
    return this.oauth.authenticate(input);
  }

  refresh(tokens: ChannelTokens): Promise<ChannelTokens> {
    return this.oauth.refresh(tokens);
  }

  revoke(tokens: ChannelTokens): Promise<void> {
    return this.oauth.revoke(tokens);
  }

  /** Instagram Login has no app-token grant, and its token errors share one code (400) for every cause. */
  checkCredentials(): Promise<CredentialsCheck> {
    return Promise.resolve({
      status: 'skipped',
      message: 'Instagram Login cannot verify INSTAGRAM_APP_ID/INSTAGRAM_APP_SECRET without a person signing in; connect an account to check them.',
    });
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
