import { type ServiceId } from './core/http-types';

export interface XAppConfig {
  name?: string;
  consumerKey: string;
  consumerSecret: string;
  /** Approved callback URLs, matched exactly (trailing slash included). At most 10, as on X. */
  callbackUrls: string[];
  /** The app's permission in the developer portal. `read` apps cannot post. */
  permission?: 'read' | 'read-write';
}

export interface MetaAppConfig {
  name?: string;
  appId: string;
  appSecret: string;
  /** "Valid OAuth Redirect URIs", matched exactly (strict mode). */
  redirectUris: string[];
}

export interface SandboxApps {
  x: XAppConfig[];
  instagram: MetaAppConfig[];
  facebook: MetaAppConfig[];
}

export interface SandboxTiming {
  xRequestTokenTtlMs: number;
  /** Allowed distance between `oauth_timestamp` and the wall clock (X does not document it). */
  xTimestampSkewSec: number;
  /** Time a video or GIF upload spends in `pending`/`in_progress` after FINALIZE. */
  xMediaProcessingMs: number;
  /**
   * Time before a new tweet shows in `GET /2/users/:id/tweets`. X's timelines are eventually consistent (it says
   * nothing of how long); lookups by id and the duplicate check see a tweet at once. Default 0.
   */
  xTimelineLagMs: number;
  igCodeTtlMs: number;
  igShortTokenTtlSec: number;
  igLongTokenTtlSec: number;
  igRefreshMinAgeMs: number;
  fbCodeTtlMs: number;
  fbShortTokenTtlSec: number;
  fbLongTokenTtlSec: number;
  /** Time an Instagram container stays IN_PROGRESS. */
  containerProcessingMs: number;
  containerExpiryMs: number;
  mediaFetchTimeoutMs: number;
}

export interface SandboxLimits {
  /** Weighted length of a post by an account without a subscription (`subscription_type` None). */
  tweetMaxWeightedLength: number;
  /** ... and by a subscriber (Basic, Premium, PremiumPlus: "longer posts"). */
  tweetMaxWeightedLengthSubscriber: number;
  /** Requests per 15 minutes per user and endpoint. */
  xTweetsPer15Min: number;
  xUsersMePer15Min: number;
  xMediaPer15Min: number;
  xReadPer15Min: number;
  /** Per-user 24 h cap on POST /2/tweets (the `x-user-limit-24hour-*` headers). */
  xTweetsPer24hPerUser: number;
  xTweetsPer24hPerApp: number;
  igPublishQuota: number;
  /** Graph calls per app and user per hour before X-App-Usage reaches 100% and calls are throttled. */
  graphCallsPerHour: number;
  maxImageBytes: number;
  maxVideoBytes: number;
}

export interface SandboxBehaviour {
  /** Instagram code exchange answer: documented `{data:[...]}` or the flat object many clients also see. */
  instagramTokenResponseShape: 'wrapped' | 'flat';
  /** Graph error for a refresh of a token younger than 24 h (undocumented; 190 by default). */
  instagramEarlyRefreshError: { code: number; subcode?: number };
  /**
   * X refuses a tweet whose text equals one of the user's live tweets (403 duplicate content), and Facebook a Page
   * post equal to the Page's last one (506). Benchmarks and chaos runs turn both off, so that a post sent twice
   * reaches the ledger twice and is counted instead of hidden.
   */
  refuseDuplicates: boolean;
  /**
   * Insights metrics refused as retired on top of those Meta retired in 2025 (graph/graph-insights.ts), the way a
   * future deprecation would look: `(#100) The value must be a valid insights metric`.
   */
  retiredInsightsMetrics: string[];
}

export interface SandboxOptions {
  /** Where the CA lives; default `.data/sandbox-ca` under the working directory. */
  caDir?: string;
  /** Bind address; default 127.0.0.1. */
  host?: string;
  /** Host name used in `urls`; default `localhost` (the certificate also covers 127.0.0.1 and ::1). */
  publicHost?: string;
  /** First port: admin = base, then x-api, x-upload, instagram-authorize, instagram-api, instagram-graph, facebook-web, facebook-graph. 0 = ephemeral. Default 4300. */
  basePort?: number;
  ports?: Partial<Record<ServiceId, number>>;
  apps?: Partial<SandboxApps>;
  /** Used to derive demo redirect URIs when `apps` are not given. */
  frontendUrl?: string;
  graphVersion?: string;
  /** Base time source (ms). The sandbox clock is `clock() + timeOffsetMs`, adjustable later. */
  clock?: () => number;
  timeOffsetMs?: number;
  timing?: Partial<SandboxTiming>;
  limits?: Partial<SandboxLimits>;
  behaviour?: Partial<SandboxBehaviour>;
  /** Random source for probabilistic faults (seed it in chaos tests). */
  random?: () => number;
  /** Extra CA PEM trusted when fetching media (the sandbox's own CA is always trusted). */
  mediaFetchCaPem?: string;
  maxBodyBytes?: number;
}

export const DEFAULT_TIMING: SandboxTiming = {
  xRequestTokenTtlMs: 15 * 60_000,
  xTimestampSkewSec: 300,
  xMediaProcessingMs: 2_000,
  xTimelineLagMs: 0,
  igCodeTtlMs: 3600_000,
  igShortTokenTtlSec: 3600,
  igLongTokenTtlSec: 5_184_000,
  igRefreshMinAgeMs: 24 * 3600_000,
  fbCodeTtlMs: 10 * 60_000,
  fbShortTokenTtlSec: 7200,
  fbLongTokenTtlSec: 5_184_000,
  containerProcessingMs: 3_000,
  containerExpiryMs: 24 * 3600_000,
  mediaFetchTimeoutMs: 10_000,
};

export const DEFAULT_LIMITS: SandboxLimits = {
  tweetMaxWeightedLength: 280,
  tweetMaxWeightedLengthSubscriber: 25_000,
  xTweetsPer15Min: 100,
  xUsersMePer15Min: 75,
  // Media upload calls (initialize, append, finalize) per user: X's current rate-limit table (docs/platforms.md A).
  xMediaPer15Min: 1875,
  xReadPer15Min: 900,
  xTweetsPer24hPerUser: 1000,
  xTweetsPer24hPerApp: 10_000,
  igPublishQuota: 100,
  graphCallsPerHour: 4800,
  maxImageBytes: 8 * 1024 * 1024,
  maxVideoBytes: 300 * 1024 * 1024,
};

export const DEFAULT_BEHAVIOUR: SandboxBehaviour = {
  instagramTokenResponseShape: 'wrapped',
  instagramEarlyRefreshError: { code: 190 },
  refuseDuplicates: true,
  retiredInsightsMetrics: [],
};

export const DEFAULT_GRAPH_VERSION = 'v25.0';

/** The credentials the demo mode and `.env.example` use. Clearly fake; never valid anywhere else. */
export const DEMO_CREDENTIALS = {
  x: { consumerKey: 'sandbox-x-api-key', consumerSecret: 'sandbox-x-api-secret-not-for-production' },
  instagram: { appId: '990000000000101', appSecret: 'sandbox-instagram-app-secret' },
  facebook: { appId: '990000000000201', appSecret: 'sandbox-facebook-app-secret' },
} as const;

export function demoApps(frontendUrl = 'http://localhost:4200'): SandboxApps {
  const base = frontendUrl.replace(/\/+$/, '');
  return {
    x: [{ name: 'Herald (sandbox)', ...DEMO_CREDENTIALS.x, callbackUrls: [`${base}/integrations/social/x`], permission: 'read-write' }],
    instagram: [{ name: 'Herald (sandbox)', ...DEMO_CREDENTIALS.instagram, redirectUris: [`${base}/integrations/social/instagram-standalone`] }],
    facebook: [
      {
        name: 'Herald (sandbox)',
        ...DEMO_CREDENTIALS.facebook,
        redirectUris: [`${base}/integrations/social/facebook`, `${base}/integrations/social/instagram`],
      },
    ],
  };
}
