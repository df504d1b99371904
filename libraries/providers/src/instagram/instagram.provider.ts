import { callbackUrl, type FacebookConfig, type ProvidersConfig, type ResolvedDeps } from '../contracts/provider-config';
import { INSTAGRAM_SCOPES, PROVIDER_METADATA } from '../contracts/provider-metadata';
import type { PageSelection, PublishingQuotaReader } from '../contracts/provider.types';
import { FacebookLogin } from '../meta-common/facebook-login';
import { FacebookLoginProvider } from '../meta-common/facebook-login.provider';
import { GraphClient, graphBase } from '../meta-common/graph-client';
import { MetaAnalytics } from '../meta-common/meta-analytics';
import { InstagramPublisher } from '../meta-common/instagram-publisher';
import { InstagramPageSelection } from '../meta-common/page-selection';

const DEFAULT_POLL_TIMEOUT_MS = 5 * 60_000;

/** Instagram business account reached through a Facebook Page (Facebook Login, graph.facebook.com, Page token). */
export class InstagramProvider extends FacebookLoginProvider {
  readonly identifier = 'instagram' as const;
  readonly metadata = PROVIDER_METADATA.instagram;
  readonly pages: PageSelection;
  protected readonly login: FacebookLogin;
  protected readonly publisher: InstagramPublisher;
  readonly analytics: MetaAnalytics;
  readonly quota: PublishingQuotaReader;

  constructor(config: ProvidersConfig & { facebook: FacebookConfig }, deps: ResolvedDeps) {
    super();
    const graph = new GraphClient({
      provider: this.identifier,
      http: deps.http,
      timeoutMs: config.requestTimeoutMs,
      refreshable: false,
      now: deps.now,
      grantable: INSTAGRAM_SCOPES,
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
    this.analytics = new MetaAnalytics({ graph, base, kind: 'instagram' });
    this.publisher = new InstagramPublisher({
      graph,
      base,
      pollTimeoutMs: config.containerPollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
      sleep: deps.sleep,
      now: deps.now,
      // IG User Media / Comments references, Facebook Login column.
      permissions: { publish: ['instagram_content_publish'], comment: ['instagram_manage_comments'] },
    });
    this.quota = this.publisher.quotaReader();
  }

}
