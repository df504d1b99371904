import type { Agent } from 'node:https';
import { channelRedirectUri } from '@herald/shared';
import type { AxiosInstance } from 'axios';

export interface XConfig {
  apiKey: string;
  apiSecret: string;
  /** X_API_URL, default https://api.x.com */
  apiUrl: string;
  /** X_UPLOAD_URL, default https://upload.x.com (v1.1 upload host) */
  uploadUrl: string;
}

export interface InstagramStandaloneConfig {
  appId: string;
  appSecret: string;
  /** INSTAGRAM_AUTHORIZE_URL, default https://www.instagram.com */
  authorizeUrl: string;
  /** INSTAGRAM_API_URL, default https://api.instagram.com */
  apiUrl: string;
  /** INSTAGRAM_GRAPH_URL, default https://graph.instagram.com */
  graphUrl: string;
}

/** One Facebook app serves both `facebook` and `instagram` (through a Page). */
export interface FacebookConfig {
  appId: string;
  appSecret: string;
  /** FACEBOOK_URL, default https://www.facebook.com */
  url: string;
  /** FACEBOOK_GRAPH_URL, default https://graph.facebook.com */
  graphUrl: string;
  /** FACEBOOK_RUPLOAD_URL, default https://rupload.facebook.com (Reels and video Stories uploads). */
  ruploadUrl?: string;
}

export interface ProvidersConfig {
  /** FRONTEND_URL: callbacks are `${frontendUrl}/integrations/social/<identifier>`. */
  frontendUrl: string;
  /** FACEBOOK_GRAPH_VERSION, e.g. `v23.0`; used on both Graph hosts. */
  graphVersion: string;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs: number;
  x?: XConfig;
  instagramStandalone?: InstagramStandaloneConfig;
  facebook?: FacebookConfig;
  /** Instagram container polling: give up after this long (default 5 minutes, as Meta recommends). */
  containerPollTimeoutMs?: number;
}

export interface ProviderDeps {
  /** Used for every Meta call and for downloading media; its own baseURL is ignored. */
  http: AxiosInstance;
  /**
   * For providers whose client calls node:https itself rather than `http` (today X, through twitter-api-v2 and its
   * own publishing request): pass an agent to pin a CA, keep connections alive or open them ahead.
   */
  httpsAgent?: Agent;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/** Dependencies after defaults are filled in. */
export interface ResolvedDeps {
  http: AxiosInstance;
  httpsAgent?: Agent;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

export function resolveDeps(deps: ProviderDeps): ResolvedDeps {
  return {
    http: deps.http,
    httpsAgent: deps.httpsAgent,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: deps.now ?? (() => new Date()),
  };
}

/** The provider's OAuth callback, built by the one function that builds it (`channelRedirectUri` in `@herald/shared`). */
export function callbackUrl(config: Pick<ProvidersConfig, 'frontendUrl'>, identifier: string): string {
  return channelRedirectUri(config.frontendUrl, identifier);
}
