import { callbackUrl, type FacebookConfig, type ProvidersConfig, type ResolvedDeps } from '../contracts/provider-config';
import { FACEBOOK_SCOPES, PROVIDER_METADATA } from '../contracts/provider-metadata';
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
import { FacebookPageSelection } from '../meta-common/page-selection';
import { FacebookPublisher } from './facebook.publisher';

/** A Facebook Page: Facebook Login, then the person picks a Page whose (non-expiring) token becomes the channel's. */
export class FacebookProvider implements SocialProvider {
  readonly identifier = 'facebook' as const;
  readonly metadata = PROVIDER_METADATA.facebook;
  readonly pages: PageSelection;
  private readonly login: FacebookLogin;
  private readonly publisher: FacebookPublisher;

  constructor(config: ProvidersConfig & { facebook: FacebookConfig }, deps: ResolvedDeps) {
    const graph = new GraphClient({
      provider: this.identifier,
      http: deps.http,
      timeoutMs: config.requestTimeoutMs,
      refreshable: false,
      now: deps.now,
    });
    this.login = new FacebookLogin({
      config: config.facebook,
      graphVersion: config.graphVersion,
      redirectUri: callbackUrl(config, this.identifier),
      scopes: FACEBOOK_SCOPES,
      graph,
      now: deps.now,
    });
    this.pages = new FacebookPageSelection(this.login);
    this.publisher = new FacebookPublisher({
      graph,
      base: graphBase(config.facebook.graphUrl, config.graphVersion),
      siteUrl: config.facebook.url,
    });
  }

  startAuthorization(input: { state: string }): Promise<AuthorizationStart> {
    return Promise.resolve({ url: this.login.authorizationUrl(input.state) });
  }

  /** The Facebook user, in between steps: the person picks a Page next. */
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
