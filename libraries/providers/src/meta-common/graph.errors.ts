import { ProviderError, type ProviderErrorKind } from '../contracts/provider-error';
import type { ProviderIdentifier } from '../contracts/provider.types';
import { headerValue, parseRetryAfter, TRANSIENT_RETRY_MS } from '../common/network-errors';
import { businessUseCaseUsageSchema, graphErrorSchema, instagramApiErrorSchema } from './graph.schemas';

const MINUTE = 60_000;
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001, 80002]);
/** Instagram's publishing limit (25 posts a rolling day): a quota, waited out like a rate limit. */
const DAILY_PUBLISHING_LIMIT = 2207042;
const TRANSIENT_CODES = new Set([1, 2]);
/** 190 subcodes meaning the token merely expired: a refresh (where possible) fixes it. */
const EXPIRED_SUBCODES = new Set([463]);
/** Instagram publishing subcodes the person must fix in the post itself (docs/platforms.md F). */
const BAD_CONTENT_SUBCODES = new Set([
  2207004, 2207005, 2207009, 2207010, 2207023, 2207026, 2207028, 2207052, 2207057,
]);
const RETRY_SUBCODES: ReadonlyMap<number, number> = new Map([
  [2207001, MINUTE], // Instagram server error
  [2207003, 5 * MINUTE], // media took too long to download
  [2207008, 2 * MINUTE], // media builder expired: Meta says retry within 2 minutes
  [2207020, MINUTE], // container expired: a new attempt makes a new container
  [2207027, MINUTE], // media not ready for publishing
  [2207032, MINUTE], // create media failed
  [DAILY_PUBLISHING_LIMIT, 60 * MINUTE], // daily publishing limit (rolling 24 h window)
  [2207053, MINUTE], // unknown upload error
]);
const RECONNECT_SUBCODES = new Set([2207050]);
/** "Duplicate status message": the text equals the Page's last post (docs/platforms.md E). */
const DUPLICATE_POST = 506;

export interface GraphFailure {
  provider: ProviderIdentifier;
  status: number;
  body: unknown;
  headers: Readonly<Record<string, unknown>>;
  sideEffect: boolean;
  /** Whether `refresh` can renew this provider's token; otherwise an expired token needs a reconnect. */
  refreshable: boolean;
  now: Date;
  /** The permissions the call needs, per Meta's reference for its endpoint. */
  needs?: readonly string[];
  /** The permissions Herald asks for when connecting: only those can a reconnect grant. */
  grantable?: readonly string[];
}

/** Graph's permission errors: `(#10)` and `(#200)`–`(#299)` (docs/platforms.md F). */
function isPermissionCode(code: number | undefined): boolean {
  return code === 10 || (code !== undefined && code >= 200 && code <= 299);
}

function platformName(failure: GraphFailure): string {
  return failure.provider === 'facebook' ? 'Facebook' : 'Instagram';
}

/**
 * A permission refusal names what the call needs. Reconnecting helps only when Herald asks for that permission at
 * connect (the person unticked it, or it was added since); otherwise the app or the person's role on the Page must
 * change, and saying "reconnect" would send them in circles.
 */
function permissionFailure(failure: GraphFailure, platformMessage: string | undefined): { kind: ProviderErrorKind; message: string; missing: readonly string[] } {
  const needs = failure.needs ?? [];
  const name = platformName(failure);
  const said = platformMessage ? ` (${name} said: ${platformMessage})` : '';
  if (needs.length === 0) {
    return { kind: 'reconnect', message: `${name} refused the call for lack of a permission${said}. Reconnect the channel and allow every permission Herald asks for.`, missing: [] };
  }
  const list = needs.join(' and ');
  const grantable = failure.grantable ?? [];
  if (needs.every((permission) => grantable.includes(permission))) {
    return { kind: 'reconnect', message: `${name} refused the call: it needs the ${list} permission${needs.length > 1 ? 's' : ''}, which this channel's grant lacks${said}. Reconnect the channel and allow ${list}.`, missing: needs };
  }
  return {
    kind: 'platform_error',
    message: `${name} refused the call: it needs ${list}, which Herald does not ask for when connecting, so reconnecting will not help${said}. The Meta app needs that permission approved (App Review) and Herald configured to request it.`,
    missing: [],
  };
}

function rateLimitRetryAt(headers: Readonly<Record<string, unknown>>, now: Date, fallbackMs: number): Date {
  const retryAfter = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  if (retryAfter) return retryAfter;
  const raw = headerValue(headers, 'x-business-use-case-usage');
  if (raw) {
    const parsed = businessUseCaseUsageSchema.safeParse(safeJson(raw));
    if (parsed.success) {
      const minutes = Object.values(parsed.data)
        .flat()
        .map((entry) => entry.estimated_time_to_regain_access ?? 0);
      const longest = Math.max(0, ...minutes);
      if (longest > 0) return new Date(now.getTime() + longest * MINUTE);
    }
  }
  return new Date(now.getTime() + fallbackMs);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function kindForCode(code: number | undefined, subcode: number | undefined, failure: GraphFailure): ProviderErrorKind {
  if (subcode !== undefined && BAD_CONTENT_SUBCODES.has(subcode)) return 'bad_content';
  if (subcode !== undefined && RETRY_SUBCODES.has(subcode)) return 'retry_later';
  if (subcode !== undefined && RECONNECT_SUBCODES.has(subcode)) return 'reconnect';
  if (code === 190 || code === 102) {
    const expired = code === 102 || (subcode !== undefined && EXPIRED_SUBCODES.has(subcode));
    return expired && failure.refreshable ? 'refresh_token' : 'reconnect';
  }
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) return 'retry_later';
  if (code === 368) return 'retry_later';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'reconnect';
  if (code === DUPLICATE_POST) return 'bad_content';
  if (code !== undefined && TRANSIENT_CODES.has(code)) return failure.sideEffect ? 'unknown_outcome' : 'retry_later';
  if (failure.status === 401) return failure.refreshable ? 'refresh_token' : 'reconnect';
  if (failure.status === 429) return 'retry_later';
  if (failure.status >= 500) return failure.sideEffect ? 'unknown_outcome' : 'retry_later';
  return 'platform_error';
}

function retryDelayMs(code: number | undefined, subcode: number | undefined): number {
  if (subcode !== undefined) {
    const delay = RETRY_SUBCODES.get(subcode);
    if (delay !== undefined) return delay;
  }
  if (code === 368) return 60 * MINUTE;
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) return 15 * MINUTE;
  return TRANSIENT_RETRY_MS;
}

function retryAt(code: number | undefined, subcode: number | undefined, failure: GraphFailure): Date {
  const rateLimited = (code !== undefined && RATE_LIMIT_CODES.has(code)) || failure.status === 429;
  const delay = retryDelayMs(code, subcode);
  return rateLimited ? rateLimitRetryAt(failure.headers, failure.now, delay) : new Date(failure.now.getTime() + delay);
}

/** Classify a Graph (or api.instagram.com) error response by its numeric codes, never by its text. */
export function classifyGraphError(failure: GraphFailure): ProviderError {
  const graph = graphErrorSchema.safeParse(failure.body);
  const flat = graph.success ? undefined : instagramApiErrorSchema.safeParse(failure.body);
  const error = graph.success ? graph.data.error : undefined;
  const code = error?.code ?? (flat?.success ? flat.data.code : undefined);
  const subcode = error?.error_subcode;
  const platformMessage =
    error?.message ?? (flat?.success ? flat.data.error_message : typeof failure.body === 'string' ? failure.body.slice(0, 300) : undefined);
  // 506 "duplicate post" may be this post's own, from an attempt whose answer was lost: looked for, never a failure.
  const duplicate = failure.sideEffect && code === DUPLICATE_POST;
  const permission = !duplicate && subcode === undefined && isPermissionCode(code) ? permissionFailure(failure, platformMessage) : undefined;
  const kind = duplicate ? 'unknown_outcome' : (permission?.kind ?? kindForCode(code, subcode, failure));
  const message = permission?.message ?? error?.error_user_msg ?? platformMessage ?? `HTTP ${failure.status}`;
  // Throttling (docs/platforms.md F) and Instagram's daily publishing limit (D.4): wait, not a failed attempt.
  const rateLimited = (code !== undefined && (RATE_LIMIT_CODES.has(code) || code === 368)) || subcode === DAILY_PUBLISHING_LIMIT || failure.status === 429;
  return new ProviderError(kind, failure.provider, message, {
    ...(permission?.missing.length ? { missingPermissions: permission.missing } : {}),
    // A permission refusal is described in Herald's words: which permission, and whether reconnecting grants it.
    ...(permission || isPermissionCode(code) ? { ownMessage: true } : {}),
    rateLimited,
    ...(duplicate ? { outcomeHint: { duplicate: true } } : {}),
    platform: {
      httpStatus: failure.status,
      code,
      subcode,
      type: error?.type ?? (flat?.success ? flat.data.error_type : undefined),
      message: platformMessage,
    },
    retryAt: kind === 'retry_later' ? retryAt(code, subcode, failure) : undefined,
  });
}
