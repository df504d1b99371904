import type { ProviderMetadata } from './provider-metadata';

import { PLATFORM_IDENTIFIERS, isPlatformIdentifier, type PlatformIdentifier } from '@herald/shared';

/** The platform identifiers are the catalogue's (`@herald/shared`); providers name them, they do not own them. */
export const PROVIDER_IDENTIFIERS = PLATFORM_IDENTIFIERS;
export type ProviderIdentifier = PlatformIdentifier;

export function isProviderIdentifier(value: string): value is ProviderIdentifier {
  return isPlatformIdentifier(value);
}

/** Decrypted channel credentials. Callers encrypt them at rest; providers never log them. */
export interface ChannelTokens {
  accessToken: string;
  /** OAuth 1.0a token secret (X only). */
  accessSecret?: string;
  refreshToken?: string;
  /** Absent when the token does not expire (X tokens, Facebook Page tokens). */
  expiresAt?: Date;
}

/** Who the channel posts as. `id` is the id the publishing calls need (X user id, IG user id, Page id). */
export interface ChannelIdentity {
  id: string;
  name: string;
  username?: string;
  picture?: string;
  verified?: boolean;
  /** X: the account has a subscription that allows long posts (from `subscription_type`). */
  premium?: boolean;
  /** X: `subscription_type` as X answered it. */
  subscriptionType?: string;
}

export interface ConnectedChannel {
  identity: ChannelIdentity;
  tokens: ChannelTokens;
  /** True while a Page still has to be chosen (Facebook Login flows); identity is then the Facebook user. */
  inBetweenSteps: boolean;
  /** Permissions the person granted, when the platform reports them. */
  permissions?: string[];
}

export interface AuthorizationStart {
  url: string;
  /** OAuth 1.0a only: keep `secret` under `token` (5 minutes, single use); it is needed by `authenticate`. */
  requestToken?: { token: string; secret: string };
}

export interface AuthorizationCallback {
  /** Every query parameter the platform put on the callback URL, exactly as received. */
  query: Readonly<Record<string, string | undefined>>;
  /** OAuth 1.0a only: the secret stored for `query.oauth_token`. */
  requestTokenSecret?: string;
}

/**
 * The callback's own words where they differ from OAuth 2.0's `state` and `error` (OAuth 1.0a: X names its request
 * token and says `denied`). The caller stores the authorization under the request token it got from
 * `startAuthorization`, and finds it again by `requestToken`.
 */
export interface CallbackQueryReader {
  /** The request token the callback names (X: `oauth_token`, or `denied` when the person declined). */
  requestToken(query: AuthorizationCallback['query']): string | undefined;
  /** The person declined at the platform (X: `denied`); OAuth 2.0's `error` is read by the caller. */
  declined(query: AuthorizationCallback['query']): boolean;
}

/** A Page the person may pick in the in-between step. For `instagram`, `id` is the linked IG account. */
export interface PageOption {
  id: string;
  pageId: string;
  name: string;
  username?: string;
  picture?: string;
}

export interface PageSelection {
  list(tokens: ChannelTokens): Promise<PageOption[]>;
  /** Accepts the Page id (or, for `instagram`, the IG account id); returns the Page token as the channel token. */
  select(tokens: ChannelTokens, pageId: string): Promise<ConnectedChannel>;
}

/**
 * A file of Herald's media library: Meta fetches it from its public URL (Herald's own UPLOADS_PUBLIC_URL); X gets
 * its bytes, streamed from Herald's storage by `open` (never fetched over HTTP by the provider, never held whole:
 * a video may be as large as UPLOAD_MAX_VIDEO_MB).
 */
export interface MediaRef {
  /** Herald's public URL of the file. */
  url: string;
  mimeType: string;
  alt?: string;
  /**
   * The file in Herald's storage: its size, and its bytes in parts as they are read. Throws when it cannot be read
   * or is larger than Herald takes (its message is safe to show).
   */
  open(): Promise<MediaContent>;
  /** A video's cover image (absolute public URL, an own upload): Instagram Reels' `cover_url`. */
  thumbnail?: string;
  /** Where in the video the cover frame is, in ms, when no cover image is given: Reels' `thumb_offset`. */
  thumbnailTimestamp?: number;
}

/** An opened media file (MediaRef.open). */
export interface MediaContent {
  /** Bytes. */
  size: number;
  /**
   * The bytes in parts of exactly `partBytes` (the last one shorter), read from storage as they are consumed; each
   * call reads from the start again. Throws (a message safe to show) when the file is gone or changed meanwhile.
   */
  chunks(partBytes: number): AsyncIterable<Buffer>;
}

/** Publications used and allowed in the platform's rolling window (`total` is absent when the platform omits it). */
export interface PublishingQuota {
  used: number;
  total?: number;
  windowSeconds?: number;
}

export interface PublishInput {
  channel: { id: string; username?: string };
  tokens: ChannelTokens;
  text: string;
  media: readonly MediaRef[];
  /** Per-platform settings as the user saved them; each provider validates its own shape. */
  settings?: unknown;
  /**
   * Aborted when the engine may no longer count on its lease of the post. A request that makes the post visible
   * (the create call itself) must not start once it is aborted (`throwIfAborted()` just before it, outside any
   * error classification, so its reason reaches the engine as is) and is cut when it fires (the outcome is then
   * unknown). Requests that publish nothing (uploads, reading a permalink back) ignore it: the engine reads its
   * reason as "nothing visible was sent".
   */
  signal?: AbortSignal;
}

export interface CommentInput extends PublishInput {
  /** The platform id of the post this one answers: the previous post or the first one (`SocialProvider.threadReplyTo`). */
  parentId: string;
}

/**
 * A platform's own cap on API publications in a rolling window (Instagram's content_publishing_limit): a full quota
 * makes the engine wait instead of failing the post.
 */
export interface PublishingQuotaReader {
  /** The cap the platform documents, used when `read` fails (the platform's `total` wins when it gives one). */
  readonly limit: number;
  /** The rolling window the cap counts over. */
  readonly windowSeconds: number;
  /** The platform's own count; throws `ProviderError` when it cannot be read (the engine then counts its own posts). */
  read(input: Pick<PublishInput, 'channel' | 'tokens'>): Promise<PublishingQuota>;
}

export interface PublishedPost {
  id: string;
  url: string;
  /**
   * The platform's answer also said that nothing more can be published until a time: on this channel (its own
   * window is used up) or on every channel of the app (the app's cap is). The engine then waits instead of meeting
   * a rate-limit error.
   */
  pauses?: PublishingPause[];
}

/** A rate-limit window used up: no publishing on the channel, or on all of the app's channels, until `until`. */
export interface PublishingPause {
  scope: 'channel' | 'app';
  until: Date;
}

/** What a provider remembered when a write's outcome became unknown (stored by the caller, handed back). */
export interface OutcomeHint {
  containerId?: string;
  /**
   * The platform refused the post as a copy of one that is live (X's 403 duplicate content, Facebook's 506): it may
   * be this post's own earlier attempt, whose answer was lost. The caller looks for it from the post's creation and,
   * when it is not there, fails the post as a duplicate.
   */
  duplicate?: boolean;
}

export interface OutcomeQuery {
  channel: { id: string; username?: string };
  tokens: ChannelTokens;
  text: string;
  /** Nothing published before this can be the post: when the attempt started (or the post was made, for a duplicate). */
  since: Date;
  hint?: OutcomeHint;
}

export type PublishOutcome =
  | { status: 'published'; id?: string; url?: string }
  /** Certain: nothing was published (safe to publish again). */
  | { status: 'not_published' }
  /** The platform is still processing; ask again later. */
  | { status: 'pending' }
  /** Nothing matching was found; weaker than `not_published` (timelines lag). */
  | { status: 'not_found' };

export type CredentialsProblem =
  | 'invalid_client_id'
  | 'invalid_client_secret'
  | 'invalid_credentials'
  | 'callback_not_approved'
  | 'app_suspended'
  | 'unreachable'
  | 'unexpected';

export type CredentialsCheck =
  | { status: 'ok' }
  | { status: 'failed'; problem: CredentialsProblem; message: string }
  | { status: 'skipped'; message: string };

/**
 * The one contract every platform implements. Optional members are capabilities:
 * `refresh` for expiring tokens, `pages` for the in-between step of Facebook Login flows.
 * Every method throws `ProviderError` for platform failures.
 */
export interface SocialProvider {
  readonly identifier: ProviderIdentifier;
  readonly metadata: ProviderMetadata;
  startAuthorization(input: { state: string }): Promise<AuthorizationStart>;
  authenticate(input: AuthorizationCallback): Promise<ConnectedChannel>;
  /** How to read the callback when it is not OAuth 2.0's `state`/`error` (OAuth 1.0a). Absent: `state` and `error`. */
  readonly callbackQuery?: CallbackQueryReader;
  refresh?(tokens: ChannelTokens): Promise<ChannelTokens>;
  readonly pages?: PageSelection;
  /**
   * Ends Herald's grant at the platform. `grantedBy` is the platform user who granted it (the Facebook user of a Page
   * channel): Meta revokes on /{user-id}/permissions with a user or app token, never a Page token.
   */
  revoke(tokens: ChannelTokens, grantedBy?: string): Promise<void>;
  checkCredentials(): Promise<CredentialsCheck>;
  publish(input: PublishInput): Promise<PublishedPost>;
  comment(input: CommentInput): Promise<PublishedPost>;
  checkOutcome(input: OutcomeQuery): Promise<PublishOutcome>;
  /**
   * `checkOutcome` sees a thread's later posts too (X replies are in the timeline; Instagram and Facebook comments
   * are in no feed): its `not_found` then proves absence for them as it does for root posts. Absent means false.
   */
  readonly findsReplies?: boolean;
  /**
   * What a thread's later posts answer: the post just before (X replies form a chain) or the first post (Instagram
   * and Facebook comments all attach to it). Absent means `first`.
   */
  readonly threadReplyTo?: 'previous' | 'first';
  /** The platform's publishing quota, where it has one (Instagram): root posts wait while it is full. */
  readonly quota?: PublishingQuotaReader;
  /**
   * A publish (or comment) with these tokens will follow at `at`, seconds from now: do ahead what can be done ahead,
   * so the call itself costs less at its minute (X signs the request and opens its connection a moment before).
   * Optional; never sends anything to the platform.
   */
  prepare?(input: PublishInput, at: Date): void;
  /** Reads the channel's and its posts' figures (docs/analytics.md); absent when the platform offers none. */
  readonly analytics?: AnalyticsReader;
}

/** One figure read from the platform: a metric's value now (counts) or for the day (insights). */
export interface MetricSample {
  metric: string;
  value: number;
}

export interface AnalyticsInput {
  channel: { id: string; username?: string };
  tokens: ChannelTokens;
  /** Platform ids of the channel's published posts whose figures are due (may be empty). */
  postIds: readonly string[];
}

export interface AnalyticsResult {
  /** The channel's own figures (followers, posts, the day's reach, ...). */
  channel: MetricSample[];
  /** Per post platform id; a post the platform no longer has is absent. */
  posts: Record<string, MetricSample[]>;
  /** Metrics the platform refused as retired (Graph `(#100) ... valid insights metric`): skipped from now on. */
  dropped: string[];
  /** HTTP requests made, for the bench and the logs. */
  requests: number;
  /** Where the platform said so (X's x-rate-limit-*): the read window is used up until then. */
  pauseUntil?: Date;
}

/** Reads figures; optional capability (`SocialProvider.analytics`). Throws `ProviderError` like every call. */
export interface AnalyticsReader {
  collect(input: AnalyticsInput): Promise<AnalyticsResult>;
}
