import { ProviderError } from '../contracts/provider-error';
import type { ProviderIdentifier } from '../contracts/provider.types';

/** Failures that happen before a single byte reaches the platform: resending cannot duplicate anything. */
const BEFORE_SEND_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

export const TRANSIENT_RETRY_MS = 60_000;

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function wasRequestSent(code: string | undefined): boolean {
  return code === undefined || !BEFORE_SEND_CODES.has(code);
}

export interface TransportContext {
  provider: ProviderIdentifier;
  /** The request creates something (a post, a comment): a lost answer means the outcome is unknown. */
  sideEffect: boolean;
  now: () => Date;
}

/** No HTTP answer: before sending is always safe to retry; after sending, a write's outcome is unknown. */
export function transportError(cause: unknown, ctx: TransportContext): ProviderError {
  const code = errorCode(cause);
  const sent = wasRequestSent(code);
  const description = code ?? (cause instanceof Error ? cause.message : 'network error');
  if (sent && ctx.sideEffect) {
    return new ProviderError('unknown_outcome', ctx.provider, `No answer from the platform after sending (${description})`, {
      requestSent: true,
      cause,
    });
  }
  return new ProviderError('retry_later', ctx.provider, `Could not reach the platform (${description})`, {
    retryAt: new Date(ctx.now().getTime() + TRANSIENT_RETRY_MS),
    requestSent: sent,
    cause,
  });
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: Date): Date | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return new Date(now.getTime() + seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : new Date(date);
}

export function headerValue(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

export function parseJsonOrText(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // Not JSON: the caller classifies by status and keeps the text as the message.
    return raw;
  }
}
