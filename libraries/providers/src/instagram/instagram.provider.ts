import { callbackUrl, type FacebookConfig, type ProvidersConfig, type ResolvedDeps } from '../contracts/provider-config';
import { INSTAGRAM_SCOPES, PROVIDER_METADATA } from '../contracts/provider-metadata';
import type {
  AuthorizationCallback,
  AuthorizationStart,
  ChannelTokens,
  CommentInput,
  ConnectedChannel,
  CredentialsCheck,
  OutcomeQuery,
  PageSelection,
  PublishInput,
  PublishOutcome,
  PublishedPost,
  SocialProvider,
} from '../contracts/provider.types';
import { FacebookLogin } from '../meta-common/facebook-login';
import { GraphClient, graphBase } from '../meta-common/graph-client';
import { InstagramPublisher } from '../meta-common/instagram-publisher';
import { InstagramPageSelection } from '../meta-common/page-selection';

const DEFAULT_POLL_TIMEOUT_MS = 5 * 60_000;

/** Instagram business account reached through a Facebook Page (Facebook Login, graph.facebook.com, Page token). */
export class InstagramProvider implements SocialProvider {
  readonly identifier = 'instagram' as const;
  readonly metadata = PROVIDER_METADATA.instagram;
  readonly pages: PageSelection;
  private readonly login: FacebookLogin;
  private readonly publisher: InstagramPublisher;

  constructor(config: ProvidersConfig & { facebook: FacebookConfig }, deps: ResolvedDeps) {
    const graph = new GraphClient({
      provider: this.identifier,
      http: deps.http,
      timeoutMs: config.requestTimeoutMs,
      refreshable: false,
      now: deps.now,
    });
    const base = graphBase(config.facebook.graphUrl, config.graphVersion);
    this.login = new FacebookLogin({
      config: config.facebook,
      graphVersion: config.graphVersion,
      redirectUri: callbackUrl(config, this.identifier),
      scopes: INSTAGRAM_SCOPES,
      graph,
      now: deps.now,
    });
    this.pages = new InstagramPageSelection(this.login, graph, base);
    this.publisher = new InstagramPublisher({
      graph,
      base,
      pollTimeoutMs: config.containerPollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
      sleep: deps.sleep,
      now: deps.now,
    });
  }

  startAuthorization(input: { state: string }): Promise<AuthorizationStart> {
    return Promise.resolve({ url: this.login.authorizationUrl(input.state) });
  }

  /** The Facebook user, in between steps: the person picks a Page with a linked Instagram account next. */
  async authenticate(input: AuthorizationCallback): Promise<ConnectedChannel> {
    const user = await this.login.authenticate(input);
    return {
      identity: { id: user.id, name: user.name, picture: user.picture },
      tokens: user.tokens,
      inBetweenSteps: true,
      permissions: user.permissions,
    };
  }

  revoke(tokens: ChannelTokens): Promise<void> {
    return this.login.revoke(tokens.accessToken);
  }

  checkCredentials(): Promise<CredentialsCheck> {
    return this.login.checkCredentials();
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
