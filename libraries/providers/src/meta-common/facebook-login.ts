import { z } from 'zod';
import type { FacebookConfig } from '../contracts/provider-config';
import { ProviderError } from '../contracts/provider-error';
import type { AuthorizationCallback, ChannelTokens, CredentialsCheck, ProviderIdentifier } from '../contracts/provider.types';
import { callbackError } from '../common/callback';
import type { GraphClient } from './graph-client';
import { graphBase } from './graph-client';
import { pageSchema, pagesResponseSchema, permissionsSchema, successSchema, tokenSchema, type GraphPage } from './graph.schemas';

const MAX_PAGE_REQUESTS = 20;
const meSchema = z.object({ id: z.string(), name: z.string(), picture: pageSchema.shape.picture });

export interface FacebookLoginOptions {
  config: FacebookConfig;
  graphVersion: string;
  redirectUri: string;
  scopes: readonly string[];
  /** Asked for too, but a person may decline them: what needs them does without (read_insights: analytics). */
  optionalScopes?: readonly string[];
  graph: GraphClient;
  now: () => Date;
}

export interface FacebookUser {
  id: string;
  name: string;
  picture?: string;
  tokens: ChannelTokens;
  permissions: string[];
}

/** Facebook Login (docs/platforms.md C): shared by the `facebook` and `instagram` providers. */
export class FacebookLogin {
  private readonly base: string;

  constructor(private readonly options: FacebookLoginOptions) {
    this.base = graphBase(options.config.graphUrl, options.graphVersion);
  }

  get provider(): ProviderIdentifier {
    return this.options.graph.provider;
  }

  authorizationUrl(state: string): string {
    const { config, graphVersion, redirectUri, scopes, optionalScopes = [] } = this.options;
    const url = new URL(`${graphBase(config.url, graphVersion)}/dialog/oauth`);
    url.searchParams.set('client_id', config.appId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', [...scopes, ...optionalScopes].join(','));
    return url.toString();
  }

  /** Code → short-lived token → long-lived token, then verify every scope was granted. */
  async authenticate(callback: AuthorizationCallback): Promise<FacebookUser> {
    const provider = this.options.graph.provider;
    const denied = callbackError(provider, callback.query);
    if (denied) throw denied;
    const code = callback.query.code;
    if (!code) throw new ProviderError('platform_error', provider, 'The callback carried no authorization code');
    const { config, redirectUri } = this.options;
    const short = await this.options.graph.request({
      method: 'GET',
      url: `${this.base}/oauth/access_token`,
      query: { client_id: config.appId, redirect_uri: redirectUri, client_secret: config.appSecret, code },
      schema: tokenSchema,
    });
    const tokens = await this.exchangeLongLived(short.access_token);
    const permissions = await this.grantedPermissions(tokens.accessToken);
    const missing = this.options.scopes.filter((scope) => !permissions.includes(scope));
    if (missing.length > 0) {
      throw new ProviderError('reconnect', provider, `Facebook did not grant: ${missing.join(', ')}`, {
        missingPermissions: missing,
      });
    }
    const me = await this.options.graph.request({
      method: 'GET',
      url: `${this.base}/me`,
      query: { fields: 'id,name,picture' },
      token: tokens.accessToken,
      schema: meSchema,
    });
    return { id: me.id, name: me.name, picture: me.picture?.data?.url, tokens, permissions };
  }

  async exchangeLongLived(shortToken: string): Promise<ChannelTokens> {
    const { config } = this.options;
    const long = await this.options.graph.request({
      method: 'GET',
      url: `${this.base}/oauth/access_token`,
      query: {
        grant_type: 'fb_exchange_token',
        client_id: config.appId,
        client_secret: config.appSecret,
        fb_exchange_token: shortToken,
      },
      schema: tokenSchema,
    });
    const expiresAt =
      long.expires_in === undefined ? undefined : new Date(this.options.now().getTime() + long.expires_in * 1000);
    return { accessToken: long.access_token, expiresAt };
  }

  async grantedPermissions(token: string): Promise<string[]> {
    const result = await this.options.graph.request({
      method: 'GET',
      url: `${this.base}/me/permissions`,
      token,
      schema: permissionsSchema,
    });
    return result.data.filter((entry) => entry.status === 'granted').map((entry) => entry.permission);
  }

  /** Every Page the person manages, following `paging.next` (rewritten onto the configured host). */
  async listPages(userToken: string): Promise<GraphPage[]> {
    const pages: GraphPage[] = [];
    let url: string | undefined = `${this.base}/me/accounts`;
    let query: Record<string, string> | undefined = {
      fields: 'id,name,access_token,instagram_business_account,picture.type(large)',
      limit: '100',
    };
    for (let i = 0; url && i < MAX_PAGE_REQUESTS; i++) {
      const result: z.infer<typeof pagesResponseSchema> = await this.options.graph.request({
        method: 'GET',
        url,
        query,
        token: userToken,
        schema: pagesResponseSchema,
      });
      pages.push(...result.data);
      url = result.paging?.next ? this.onConfiguredHost(result.paging.next) : undefined;
      query = undefined;
    }
    return pages;
  }

  /**
   * `DELETE /{user-id}/permissions` with the app token (`app_id|app_secret`): Meta takes a user or app token there
   * (User Permissions reference), and Herald keeps only Page tokens once a Page is picked.
   */
  async revoke(userId: string | undefined): Promise<void> {
    if (!userId) {
      throw new ProviderError('platform_error', this.provider, 'Herald does not know which Facebook user granted this channel, so it cannot revoke the grant; remove the app in Facebook settings › Business integrations.');
    }
    const { config } = this.options;
    await this.options.graph.request({
      method: 'DELETE',
      url: `${this.base}/${encodeURIComponent(userId)}/permissions`,
      token: `${config.appId}|${config.appSecret}`,
      schema: successSchema,
      sideEffect: true,
    });
  }

  /** An app token proves the app id and secret (docs/platforms.md F: 101 = bad app id, 1/100 = bad secret). */
  async checkCredentials(): Promise<CredentialsCheck> {
    const { config } = this.options;
    try {
      await this.options.graph.request({
        method: 'GET',
        url: `${this.base}/oauth/access_token`,
        query: { client_id: config.appId, client_secret: config.appSecret, grant_type: 'client_credentials' },
        schema: tokenSchema,
      });
      return { status: 'ok' };
    } catch (error: unknown) {
      if (!(error instanceof ProviderError)) throw error;
      return credentialsFailure(error);
    }
  }

  /** `paging.next` is absolute; keep its path and query but never send the token to another host. */
  private onConfiguredHost(next: string): string {
    const parsed = new URL(next);
    const configured = new URL(this.options.config.graphUrl);
    parsed.protocol = configured.protocol;
    parsed.host = configured.host;
    return parsed.toString();
  }
}

function credentialsFailure(error: ProviderError): CredentialsCheck {
  const code = error.platform.code;
  if (code === 101) return { status: 'failed', problem: 'invalid_client_id', message: error.message };
  if (code === 1 || code === 100) {
    return { status: 'failed', problem: 'invalid_client_secret', message: error.message };
  }
  if (!error.requestSent) return { status: 'failed', problem: 'unreachable', message: error.message };
  return { status: 'failed', problem: 'unexpected', message: error.message };
}
