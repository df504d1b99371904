import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { ProviderError, type ProviderErrorKind } from '../contracts/provider-error';
import type { PublishingPause } from '../contracts/provider.types';
import { headerValue, parseJsonOrText, parseRetryAfter, TRANSIENT_RETRY_MS, transportError } from '../common/network-errors';
import { XTransportError } from './x.client';
import { problemSchema, v1ErrorSchema } from './x.schemas';

const RATE_LIMIT_FALLBACK_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** v1.1 codes (docs/platforms.md A.4, A.7) and what they ask of us. */
const V1_CODE_KINDS: ReadonlyMap<number, ProviderErrorKind> = new Map([
  [88, 'retry_later'], // rate limit exceeded
  [185, 'retry_later'], // daily update limit
  [89, 'reconnect'], // invalid or expired token (X tokens only end by revocation)
  [64, 'reconnect'], // account suspended
  [326, 'reconnect'], // account locked
  [32, 'misconfigured'], // could not authenticate you (consumer key/secret)
  [135, 'misconfigured'], // timestamp out of bounds: the server clock is off
  [215, 'misconfigured'], // bad authentication data
  [261, 'misconfigured'], // app cannot perform write actions
  [415, 'misconfigured'], // callback URL not approved
  [416, 'misconfigured'], // app suspended
  [417, 'misconfigured'], // desktop app must use oob
  [170, 'bad_content'], // missing text
  [186, 'bad_content'], // too long
  [187, 'bad_content'], // duplicate
  [324, 'bad_content'], // media validation failed
  [325, 'bad_content'], // media id not found
]);

const PROBLEM_PREFIX = 'https://api.x.com/2/problems/';
/** X says "duplicate" only in v2's `detail` (docs/platforms.md A.5), or with v1.1's code 187. */
const DUPLICATE_DETAIL = 'You are not allowed to create a Tweet with duplicate content.';
const DUPLICATE_CODE = 187;

export interface XFailureContext {
  /** The call creates a tweet: a lost answer means the outcome is unknown, and 400/403 mean bad content. */
  sideEffect: boolean;
  now: () => Date;
}

export function classifyXError(error: unknown, ctx: XFailureContext): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof XTransportError) return transportError(error.cause, { provider: 'x', ...ctx });
  if (error instanceof ApiPartialResponseError || error instanceof ApiRequestError) {
    return transportError(error, { provider: 'x', ...ctx });
  }
  if (error instanceof ApiResponseError) {
    return classifyXResponse(error.code, error.data, error.headers, ctx);
  }
  return new ProviderError('platform_error', 'x', error instanceof Error ? error.message : 'Unexpected X client failure', {
    cause: error,
  });
}

export function classifyXResponse(
  status: number,
  rawBody: unknown,
  headers: Readonly<Record<string, unknown>>,
  ctx: XFailureContext,
): ProviderError {
  const body = typeof rawBody === 'string' ? parseJsonOrText(rawBody) : rawBody;
  const v1 = v1ErrorSchema.safeParse(body);
  const problem = v1.success ? undefined : problemSchema.safeParse(body);
  const first = v1.success ? v1.data.errors[0] : undefined;
  const problemData = problem?.success ? problem.data : undefined;
  const type = problemData?.type;
  const platformMessage = first?.message ?? problemData?.detail ?? problemData?.title ?? (typeof body === 'string' ? body.slice(0, 300) : undefined);
  // A duplicate may be this post's own tweet from an attempt whose answer was lost: looked for, never a plain failure.
  const duplicate = ctx.sideEffect && (first?.code === DUPLICATE_CODE || (status === 403 && problemData?.detail === DUPLICATE_DETAIL));
  const kind = duplicate ? 'unknown_outcome' : kindFor(status, first?.code, type, ctx);
  const now = ctx.now();
  return new ProviderError(kind, 'x', platformMessage ?? `X answered HTTP ${status}`, {
    ...(duplicate ? { outcomeHint: { duplicate: true } } : {}),
    // 429, v1.1 "rate limit exceeded" (88) and "daily update limit" (185), and a usage cap (docs/platforms.md A.4).
    rateLimited: status === 429 || first?.code === 88 || first?.code === 185 || (type?.endsWith('/usage-capped') ?? false),
    platform: { httpStatus: status, code: first?.code, type, message: platformMessage },
    retryAt: kind === 'retry_later' ? retryAt(headers, now, fallbackDelayMs(status, first?.code, type)) : undefined,
    // The app's 24-hour cap is shared by every channel: one 429 says they all must wait.
    ...(kind === 'retry_later' && headerValue(headers, 'x-app-limit-24hour-remaining') === '0' ? { rateLimitScope: 'app' as const } : {}),
  });
}

function kindFor(status: number, code: number | undefined, type: string | undefined, ctx: XFailureContext): ProviderErrorKind {
  const byCode = code === undefined ? undefined : V1_CODE_KINDS.get(code);
  if (byCode) return byCode;
  if (status === 429 || type === `${PROBLEM_PREFIX}usage-capped`) return 'retry_later';
  if (type === `${PROBLEM_PREFIX}client-forbidden` || type === `${PROBLEM_PREFIX}unsupported-authentication`) {
    return 'misconfigured';
  }
  if (status === 401) return 'reconnect';
  // X words duplicate text, over-long text and reply restrictions only in `detail`: on a create, every 400/403 is the post's.
  if ((status === 400 || status === 403) && ctx.sideEffect) return 'bad_content';
  if (status >= 500) return ctx.sideEffect ? 'unknown_outcome' : 'retry_later';
  return 'platform_error';
}

/**
 * The windows a successful answer says are used up (docs/platforms.md A.4): the app's 24-hour cap pauses every X channel,
 * the user's 24-hour cap or the 15-minute window pauses this one, each until its reset.
 */
export function exhaustedLimits(headers: Readonly<Record<string, unknown>>, now: Date): PublishingPause[] {
  const resetOf = (prefix: string): Date | undefined => {
    if (headerValue(headers, `${prefix}-remaining`) !== '0') return undefined;
    const reset = Number(headerValue(headers, `${prefix}-reset`));
    return Number.isFinite(reset) && reset * 1000 > now.getTime() ? new Date(reset * 1000) : undefined;
  };
  const pauses: PublishingPause[] = [];
  const app = resetOf('x-app-limit-24hour');
  if (app) pauses.push({ scope: 'app', until: app });
  const channel = [resetOf('x-user-limit-24hour'), resetOf('x-rate-limit')].filter((d): d is Date => d !== undefined);
  if (channel.length > 0) pauses.push({ scope: 'channel', until: new Date(Math.max(...channel.map((d) => d.getTime()))) });
  return pauses;
}

/** The latest exhausted window wins: 24-hour user/app caps, then the 15-minute window, then Retry-After. */
function fallbackDelayMs(status: number, code: number | undefined, type: string | undefined): number {
  if (type === `${PROBLEM_PREFIX}usage-capped`) return DAY_MS;
  if (status === 429 || code === 88 || code === 185) return RATE_LIMIT_FALLBACK_MS;
  return TRANSIENT_RETRY_MS;
}

function retryAt(headers: Readonly<Record<string, unknown>>, now: Date, fallbackMs: number): Date {
  const resets: number[] = [];
  for (const scope of ['x-user-limit-24hour', 'x-app-limit-24hour']) {
    if (headerValue(headers, `${scope}-remaining`) === '0') resets.push(Number(headerValue(headers, `${scope}-reset`)));
  }
  const windowReset = Number(headerValue(headers, 'x-rate-limit-reset'));
  if (resets.length === 0) resets.push(windowReset);
  const latest = Math.max(...resets.filter((value) => Number.isFinite(value) && value > 0));
  if (Number.isFinite(latest) && latest * 1000 > now.getTime()) return new Date(latest * 1000);
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  if (retryAfter) return retryAfter;
  return new Date(now.getTime() + fallbackMs);
}
