import type { OutcomeHint, ProviderError } from '@herald/providers';
import { backoffMs, type PublishingOptions } from './publishing.options';

/** What the engine does about a failed platform call. */
export type FailureDecision =
  /** The platform asked us to wait: pause the channel and try at `until`; not a failed attempt. */
  | { action: 'rate_limited'; until: Date; scope: 'channel' | 'app'; message: string }
  /** Certainly not published, and worth another go at `at` (counted). */
  | { action: 'retry'; at: Date; message: string }
  /** The request may have gone through: UNCONFIRMED, then check. */
  | { action: 'unconfirmed'; hint: OutcomeHint | undefined; message: string }
  /** The access token expired: refresh it (where the platform allows) and try once more. */
  | { action: 'refresh'; message: string }
  /** The grant is unusable: the person must reconnect the channel. */
  | { action: 'reconnect'; message: string }
  /** Final: the post fails with a reason a person can act on. */
  | { action: 'fail'; errorCode: string; message: string };

// Graph throttling codes (docs/platforms.md F) and the Instagram daily publishing limit (D.4).
const GRAPH_RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 368, 613, 80001, 80002]);
const GRAPH_RATE_LIMIT_SUBCODES = new Set([2207042]);
// X v1.1 "rate limit exceeded" and "daily update limit" (docs/platforms.md A.4).
const X_RATE_LIMIT_CODES = new Set([88, 185]);
const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;

export function isRateLimit(error: ProviderError): boolean {
  if (error.kind !== 'retry_later') return false;
  const { httpStatus, code, subcode, type } = error.platform;
  if (httpStatus === 429) return true;
  if (error.provider === 'x') return (code !== undefined && X_RATE_LIMIT_CODES.has(code)) || (type?.endsWith('/usage-capped') ?? false);
  return (code !== undefined && GRAPH_RATE_LIMIT_CODES.has(code)) || (subcode !== undefined && GRAPH_RATE_LIMIT_SUBCODES.has(subcode));
}

/** Graph's permission refusals, `(#10)` and `(#200)`–`(#299)`: the provider's sentence names what is missing. */
function isGraphPermissionRefusal(error: ProviderError): boolean {
  const { code } = error.platform;
  return error.provider !== 'x' && code !== undefined && (code === 10 || (code >= 200 && code <= 299));
}

/**
 * The platform's own words when it gave some, else the provider's sentence. A Meta permission refusal is the
 * exception: the provider's sentence names the permission and says whether reconnecting grants it (it quotes Meta).
 */
export function humanReason(error: ProviderError): string {
  if (error.missingPermissions.length > 0 || isGraphPermissionRefusal(error)) return error.message;
  return error.platform.message ?? error.message;
}

/**
 * Classifies a failure by the provider's error kind. Only what certainly did not publish is retried; an unknown
 * outcome is never retried blindly. `attempt` is the 1-based number of the attempt that just failed.
 */
export function decideFailure(error: ProviderError, attempt: number, options: PublishingOptions, now: Date): FailureDecision {
  const message = humanReason(error);
  switch (error.kind) {
    case 'retry_later':
      if (isRateLimit(error)) {
        const until = error.retryAt && error.retryAt > now ? error.retryAt : new Date(now.getTime() + RATE_LIMIT_FALLBACK_MS);
        return { action: 'rate_limited', until, scope: error.rateLimitScope, message };
      }
      if (attempt >= options.maxAttempts) return { action: 'fail', errorCode: 'retries_exhausted', message: `Gave up after ${attempt} attempts: ${message}` };
      return { action: 'retry', at: new Date(now.getTime() + backoffMs(options, attempt)), message };
    case 'unknown_outcome':
      return { action: 'unconfirmed', hint: error.outcomeHint, message };
    case 'refresh_token':
      return { action: 'refresh', message };
    case 'reconnect':
      return { action: 'reconnect', message };
    case 'bad_content':
      return { action: 'fail', errorCode: 'bad_content', message };
    case 'misconfigured':
      return { action: 'fail', errorCode: 'provider_misconfigured', message };
    case 'access_denied':
      return { action: 'fail', errorCode: 'access_denied', message };
    case 'platform_error':
      // The platform answered with an error we do not know: it did not publish, and retrying would not help.
      return { action: 'fail', errorCode: 'platform_error', message };
  }
}
