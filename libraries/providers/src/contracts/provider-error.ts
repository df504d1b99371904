import type { OutcomeHint, ProviderIdentifier } from './provider.types';

/**
 * What the caller should do about a failure:
 * - `retry_later`: try again at `retryAt` (rate limits, transient faults, network errors before sending);
 * - `refresh_token`: the access token expired; refresh it, then retry;
 * - `reconnect`: the grant is unusable (revoked, missing permission); the person must reconnect;
 * - `bad_content`: the person must change the post (duplicate, too long, unsupported media);
 * - `unknown_outcome`: the request was sent but no answer came back; check before retrying;
 * - `access_denied`: the person declined on the platform's consent page;
 * - `misconfigured`: the app settings are wrong (keys, callback URL, app permissions);
 * - `platform_error`: anything else, with the platform's own message.
 */
export const PROVIDER_ERROR_KINDS = [
  'retry_later',
  'refresh_token',
  'reconnect',
  'bad_content',
  'unknown_outcome',
  'access_denied',
  'misconfigured',
  'platform_error',
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** The platform's own words, kept for display and for `describeConnectError`. */
export interface PlatformErrorDetail {
  httpStatus?: number;
  code?: number;
  subcode?: number;
  type?: string;
  message?: string;
}

export interface ProviderErrorOptions {
  retryAt?: Date;
  /** For a rate limit: whose window is used up, the channel's (the default) or the whole app's. */
  rateLimitScope?: 'channel' | 'app';
  platform?: PlatformErrorDetail;
  /** False only when the request certainly never left this process (safe to resend). */
  requestSent?: boolean;
  missingPermissions?: readonly string[];
  /**
   * The provider's verdict that the platform asked to wait (a rate limit or a quota), which is not a failed attempt:
   * only the provider knows its platform's codes. Defaults to true for a `retry_later` on HTTP 429.
   */
  rateLimited?: boolean;
  /** The message is the provider's own sentence (it names what to do), to be shown rather than the platform's words. */
  ownMessage?: boolean;
  outcomeHint?: OutcomeHint;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly retryAt?: Date;
  readonly rateLimitScope: 'channel' | 'app';
  readonly platform: PlatformErrorDetail;
  readonly requestSent: boolean;
  readonly missingPermissions: readonly string[];
  readonly rateLimited: boolean;
  readonly ownMessage: boolean;
  readonly outcomeHint?: OutcomeHint;

  constructor(
    readonly kind: ProviderErrorKind,
    readonly provider: ProviderIdentifier,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.retryAt = options.retryAt;
    this.rateLimitScope = options.rateLimitScope ?? 'channel';
    this.platform = options.platform ?? {};
    this.requestSent = options.requestSent ?? true;
    this.missingPermissions = options.missingPermissions ?? [];
    this.rateLimited = kind === 'retry_later' && (options.rateLimited ?? this.platform.httpStatus === 429);
    this.ownMessage = options.ownMessage ?? this.missingPermissions.length > 0;
    this.outcomeHint = options.outcomeHint;
  }

  /** A copy that remembers what the outcome check needs (e.g. the Instagram container id). */
  withOutcomeHint(hint: OutcomeHint): ProviderError {
    return new ProviderError(this.kind, this.provider, this.message, {
      retryAt: this.retryAt,
      rateLimitScope: this.rateLimitScope,
      platform: this.platform,
      requestSent: this.requestSent,
      missingPermissions: this.missingPermissions,
      rateLimited: this.rateLimited,
      ownMessage: this.ownMessage,
      outcomeHint: { ...this.outcomeHint, ...hint },
      cause: this.cause,
    });
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/** Thrown by the registry when a provider is asked for but its env is not set. */
export class ProviderNotConfiguredError extends Error {
  constructor(
    readonly identifier: ProviderIdentifier,
    readonly missingEnv: readonly string[],
  ) {
    super(`${identifier} is not configured: set ${missingEnv.join(', ')}`);
    this.name = 'ProviderNotConfiguredError';
  }
}
