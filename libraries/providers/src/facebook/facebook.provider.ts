import { callbackUrl, type FacebookConfig, type ProvidersConfig, type ResolvedDeps } from '../contracts/provider-config';
import { FACEBOOK_OPTIONAL_SCOPES, FACEBOOK_SCOPES, PROVIDER_METADATA } from '../contracts/provider-metadata';
import type { PageSelection } from '../contracts/provider.types';
import { FacebookLogin } from '../meta-common/facebook-login';
import { FacebookLoginProvider } from '../meta-common/facebook-login.provider';
import { GraphClient, graphBase } from '../meta-common/graph-client';
import { MetaAnalytics } from '../meta-common/meta-analytics';
import { FacebookPageSelection } from '../meta-common/page-selection';
import { FacebookPublisher } from './facebook.publisher';


/** A Facebook Page: Facebook Login, then the person picks a Page whose (non-expiring) token becomes the channel's. */
export class FacebookProvider extends FacebookLoginProvider {
  readonly identifier = 'facebook' as const;
  readonly metadata = PROVIDER_METADATA.facebook;
  readonly pages: PageSelection;
  protected readonly login: FacebookLogin;
  protected readonly publisher: FacebookPublisher;
  readonly analytics: MetaAnalytics;

  constructor(config: ProvidersConfig & { facebook: FacebookConfig }, deps: ResolvedDeps) {
    super();
    const graph = new GraphClient({
      provider: this.identifier,
      http: deps.http,
      timeoutMs: config.requestTimeoutMs,
      refreshable: false,
      now: deps.now,
      grantable: FACEBOOK_SCOPES,
    });
    this.login = new FacebookLogin({
      config: config.facebook,
      graphVersion: config.graphVersion,
      redirectUri: callbackUrl(config, this.identifier),
      scopes: FACEBOOK_SCOPES,
      optionalScopes: FACEBOOK_OPTIONAL_SCOPES,
      graph,
      now: deps.now,
    });
    this.pages = new FacebookPageSelection(this.login);
    const base = graphBase(config.facebook.graphUrl, config.graphVersion);
    this.analytics = new MetaAnalytics({ graph, base, kind: 'facebook' });
    this.publisher = new FacebookPublisher({
      graph,
      base,
      siteUrl: config.facebook.url,
      ruploadUrl: config.facebook.ruploadUrl ?? 'https://rupload.facebook.com',
      graphVersion: config.graphVersion,
    });
  }
}
