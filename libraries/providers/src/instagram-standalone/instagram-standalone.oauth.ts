import type { InstagramStandaloneConfig } from '../contracts/provider-config';
import { ProviderError } from '../contracts/provider-error';
import { INSTAGRAM_STANDALONE_SCOPES } from '../contracts/provider-metadata';
import type { AuthorizationCallback, ChannelTokens, ConnectedChannel } from '../contracts/provider.types';
import { callbackError } from '../common/callback';
import type { GraphClient } from '../meta-common/graph-client';
import { graphBase } from '../meta-common/graph-client';
import { tokenSchema } from '../meta-common/graph.schemas';
import { profileSchema, shortTokenSchema } from './instagram-standalone.schemas';

export interface InstagramStandaloneOAuthOptions {
  config: InstagramStandaloneConfig;
  graphVersion: string;
  redirectUri: string;
  graph: GraphClient;
  now: () => Date;
}

/** Instagram API with Instagram Login (docs/platforms.md B). */
export class InstagramStandaloneOAuth {
  constructor(private readonly options: InstagramStandaloneOAuthOptions) {}

  private get graphRoot(): string {
    return this.options.config.graphUrl.replace(/\/+$/, '');
  }

  authorizationUrl(state: string): string {
    const { config, redirectUri } = this.options;
    const url = new URL(`${config.authorizeUrl.replace(/\/+$/, '')}/oauth/authorize`);
    url.searchParams.set('client_id', config.appId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', INSTAGRAM_STANDALONE_SCOPES.join(','));
    url.searchParams.set('state', state);
    url.searchParams.set('enable_fb_login', '0');
    return url.toString();
  }

  async authenticate(callback: AuthorizationCallback): Promise<ConnectedChannel> {
    const provider = this.options.graph.provider;
    const denied = callbackError(provider, callback.query);
    if (denied) throw denied;
    // Instagram appends `#_` to the redirect; a browser may hand it over as part of the code.
    const code = callback.query.code?.replace(/#_$/, '');
    if (!code) throw new ProviderError('platform_error', provider, 'The callback carried no authorization code');
    const { config, redirectUri } = this.options;
    const short = await this.options.graph.request({
      method: 'POST',
      url: `${config.apiUrl.replace(/\/+$/, '')}/oauth/access_token`,
      form: {
        client_id: config.appId,
        client_secret: config.appSecret,
        grant_type: 'authorization_code',
        redirect_uri: redirectUri,
        code,
      },
      schema: shortTokenSchema,
    });
    const tokens = await this.exchange(short.access_token);
    const profile = await this.options.graph.request({
      method: 'GET',
      url: `${graphBase(config.graphUrl, this.options.graphVersion)}/me`,
      query: { fields: 'user_id,username,name,profile_picture_url' },
      token: tokens.accessToken,
      schema: profileSchema,
    });
    return {
      identity: {
        id: profile.user_id ?? short.user_id,
        name: profile.name ?? profile.username,
        username: profile.username,
        picture: profile.profile_picture_url,
      },
      tokens,
      inBetweenSteps: false,
      permissions: short.permissions,
    };
  }

  /** Short-lived (1 h) → long-lived (60 days). The token travels in the query, as the endpoint requires. */
  private async exchange(shortToken: string): Promise<ChannelTokens> {
    const long = await this.options.graph.request({
      method: 'GET',
      url: `${this.graphRoot}/access_token`,
      query: {
        grant_type: 'ig_exchange_token',
        client_id: this.options.config.appId,
        client_secret: this.options.config.appSecret,
        access_token: shortToken,
      },
      schema: tokenSchema,
    });
    return this.toTokens(long.access_token, long.expires_in);
  }

  /** Valid once the token is 24 h old and until it expires; renews it for 60 days. */
  async refresh(tokens: ChannelTokens): Promise<ChannelTokens> {
    const refreshed = await this.options.graph.request({
      method: 'GET',
      url: `${this.graphRoot}/refresh_access_token`,
      query: { grant_type: 'ig_refresh_token', access_token: tokens.accessToken },
      schema: tokenSchema,
    });
    return this.toTokens(refreshed.access_token, refreshed.expires_in);
  }

  /**
   * Instagram Login documents no call that revokes a grant (Business Login for Instagram; docs/platforms.md "Meta
   * permissions and revocation"): the person removes the app in Instagram, and Meta calls the deauthorize callback.
   */
  revoke(_tokens: ChannelTokens): Promise<void> {
    return Promise.reject(
      new ProviderError('platform_error', this.options.graph.provider, 'Instagram Login has no call to revoke access: remove Herald in Instagram under Settings › Website permissions › Apps and websites.', {
        requestSent: false,
      }),
    );
  }

  private toTokens(accessToken: string, expiresIn: number | undefined): ChannelTokens {
    const expiresAt = expiresIn === undefined ? undefined : new Date(this.options.now().getTime() + expiresIn * 1000);
    // Instagram refreshes with the access token itself; keeping it as the refresh token says so to the caller.
    return { accessToken, refreshToken: accessToken, expiresAt };
  }
}
