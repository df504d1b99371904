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

const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;

/** The provider's verdict: the platform asked to wait (its codes are the provider's business, not core's). */
export function isRateLimit(error: ProviderError): boolean {
  return error.kind === 'retry_later' && error.rateLimited;
}

/** The platform's own words when it gave some, else the provider's sentence, unless the provider's is the one to show. */
export function humanReason(error: ProviderError): string {
  if (error.ownMessage) return error.message;
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
