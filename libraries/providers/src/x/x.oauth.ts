import { ProviderError } from '../contracts/provider-error';
import type {
  AuthorizationCallback,
  AuthorizationStart,
  ChannelTokens,
  ConnectedChannel,
  CredentialsCheck,
} from '../contracts/provider.types';
import { callbackError } from '../common/callback';
import type { XClients } from './x.client';
import { classifyXError } from './x.errors';
import { accessTokenSchema, invalidateTokenSchema, meSchema, requestTokenSchema } from './x.schemas';

export interface XOAuthOptions {
  clients: XClients;
  /** `${FRONTEND_URL}/integrations/social/x`; must be registered exactly in the X app. */
  callbackUrl: string;
  now: () => Date;
}

/** OAuth 1.0a three-legged flow (docs/platforms.md A.2) through twitter-api-v2. */
export class XOAuth {
  constructor(private readonly options: XOAuthOptions) {}

  async startAuthorization(): Promise<AuthorizationStart> {
    const link = await this.call(() =>
      this.options.clients.app().generateAuthLink(this.options.callbackUrl, { authAccessType: 'write', linkMode: 'authenticate' }),
    );
    const parsed = requestTokenSchema.safeParse(link);
    if (!parsed.success) throw unexpected('request token');
    return {
      url: this.options.clients.plugin.rewriteLink(parsed.data.url),
      requestToken: { token: parsed.data.oauth_token, secret: parsed.data.oauth_token_secret },
    };
  }

  async authenticate(input: AuthorizationCallback): Promise<ConnectedChannel> {
    const denied = callbackError('x', input.query);
    if (denied) throw denied;
    const { oauth_token: requestToken, oauth_verifier: verifier } = input.query;
    if (!requestToken || !verifier || !input.requestTokenSecret) {
      throw new ProviderError('platform_error', 'x', 'The X callback is missing oauth_token, oauth_verifier or the stored request-token secret');
    }
    const secret = input.requestTokenSecret;
    const login = await this.call(() => this.options.clients.user(requestToken, secret).login(verifier));
    const tokens = accessTokenSchema.safeParse(login);
    if (!tokens.success) throw unexpected('access token');
    const { accessToken, accessSecret } = tokens.data;
    const me = await this.call(() =>
      this.options.clients
        .user(accessToken, accessSecret)
        .v2.get<unknown>('users/me', { 'user.fields': 'name,username,profile_image_url,verified,subscription_type' }),
    );
    const profile = meSchema.safeParse(me);
    if (!profile.success) throw unexpected('GET /2/users/me');
    const { data } = profile.data;
    return {
      identity: {
        id: data.id,
        name: data.name,
        username: data.username,
        picture: data.profile_image_url,
        verified: data.verified,
        // Any X subscription (Basic, Premium, PremiumPlus) allows long posts; None does not (docs/platforms.md).
        ...(data.subscription_type ? { premium: data.subscription_type !== 'None', subscriptionType: data.subscription_type } : {}),
      },
      tokens: { accessToken, accessSecret },
      inBetweenSteps: false,
    };
  }

  async revoke(tokens: ChannelTokens): Promise<void> {
    const client = this.options.clients.user(tokens.accessToken, requireSecret(tokens));
    const result = await this.call(() => client.v1.post<unknown>('oauth/invalidate_token'));
    if (!invalidateTokenSchema.safeParse(result).success) throw unexpected('POST /1.1/oauth/invalidate_token');
  }

  /** A request-token call proves the key pair (code 32) and the callback registration (code 415). */
  async checkCredentials(): Promise<CredentialsCheck> {
    try {
      await this.startAuthorization();
      return { status: 'ok' };
    } catch (error: unknown) {
      if (!(error instanceof ProviderError)) throw error;
      const message = error.platform.message ?? error.message;
      switch (error.platform.code ?? 0) {
        case 32:
        case 215:
          return { status: 'failed', problem: 'invalid_credentials', message };
        case 415:
          return { status: 'failed', problem: 'callback_not_approved', message };
        case 416:
          return { status: 'failed', problem: 'app_suspended', message };
        default:
          return { status: 'failed', problem: error.requestSent ? 'unexpected' : 'unreachable', message };
      }
    }
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error: unknown) {
      throw classifyXError(error, { sideEffect: false, now: this.options.now });
    }
  }
}

export function requireSecret(tokens: ChannelTokens): string {
  if (!tokens.accessSecret) throw new ProviderError('reconnect', 'x', 'The X channel has no token secret; reconnect it');
  return tokens.accessSecret;
}

function unexpected(what: string): ProviderError {
  return new ProviderError('platform_error', 'x', `Unexpected answer from X to ${what}`);
}
