import type { ProviderMetadata } from '../contracts/provider-metadata';
import type {
  AuthorizationCallback,
  AuthorizationStart,
  ChannelTokens,
  CommentInput,
  ConnectedChannel,
  CredentialsCheck,
  OutcomeQuery,
  PageSelection,
  ProviderIdentifier,
  PublishInput,
  PublishOutcome,
  PublishedPost,
  SocialProvider,
} from '../contracts/provider.types';
import type { FacebookLogin } from './facebook-login';

/** What a Facebook-Login provider publishes with (the Page feed, or Instagram containers through the Page). */
export interface MetaPublisher {
  publish(input: PublishInput): Promise<PublishedPost>;
  comment(input: CommentInput): Promise<PublishedPost>;
  checkOutcome(input: OutcomeQuery): Promise<PublishOutcome>;
}

/**
 * The part `facebook` and `instagram` share: Facebook Login connects the Facebook user (in between steps), the
 * person picks a Page next, and revoking or checking credentials goes through the same app.
 */
export abstract class FacebookLoginProvider implements SocialProvider {
  abstract readonly identifier: Extract<ProviderIdentifier, 'facebook' | 'instagram'>;
  abstract readonly metadata: ProviderMetadata;
  abstract readonly pages: PageSelection;
  protected abstract readonly login: FacebookLogin;
  protected abstract readonly publisher: MetaPublisher;

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

  /** The channel holds a Page token, which Meta refuses on /permissions: the app token revokes the granting user. */
  revoke(_tokens: ChannelTokens, grantedBy?: string): Promise<void> {
    return this.login.revoke(grantedBy);
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
