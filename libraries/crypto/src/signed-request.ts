import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Meta's signed_request: base64url(HMAC-SHA256(payload, app secret)) "." base64url(JSON payload).
// The signature is computed over the payload exactly as sent (its base64url text).

export interface SignedRequestPayload {
  algorithm: string;
  user_id: string;
  issued_at: number;
  [key: string]: unknown;
}

export type SignedRequestProblem = 'malformed' | 'bad_signature' | 'bad_algorithm' | 'expired' | 'issued_in_future';

/**
 * How old a signed_request may be. Meta's documentation gives no delivery delay for its Deauthorize and Data Deletion
 * callbacks (they are POSTed when the person acts) and sets no validity of its own beyond the `expires` its example
 * payload carries; five minutes covers delivery and clock skew. Within it, a replay is refused by the caller
 * (each request is remembered until it is too old anyway: SIGNED_REQUEST_REMEMBER_SECONDS).
 */
export const SIGNED_REQUEST_MAX_AGE_SECONDS = 300;
const DEFAULT_SKEW_SECONDS = 300;
/** Long enough that a request is refused as too old before it is forgotten as seen. */
export const SIGNED_REQUEST_REMEMBER_SECONDS = SIGNED_REQUEST_MAX_AGE_SECONDS + DEFAULT_SKEW_SECONDS;

export class SignedRequestError extends Error {
  constructor(
    readonly problem: SignedRequestProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SignedRequestError';
  }
}

export interface VerifyOptions {
  now?: Date;
  /** Older requests are refused (replays). */
  maxAgeSeconds?: number;
  /** Tolerated clock skew for requests dated in the future. */
  skewSeconds?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Verifies with each secret in turn (the Facebook and the Instagram app may both call); constant-time comparison. */
export function verifySignedRequest(signedRequest: string, secrets: readonly string[], options: VerifyOptions = {}): SignedRequestPayload {
  const parts = signedRequest.split('.');
  const [signature, payload] = parts;
  if (parts.length !== 2 || !signature || !payload || !BASE64URL.test(signature) || !BASE64URL.test(payload) || signedRequest.length > 8192) {
    throw new SignedRequestError('malformed', 'signed_request must be two base64url parts joined by a dot');
  }
  const given = Buffer.from(signature, 'base64url');
  const valid = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(payload).digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) throw new SignedRequestError('bad_signature', 'signed_request signature does not match any configured app secret');

  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new SignedRequestError('malformed', 'signed_request payload is not JSON');
  }
  if (typeof data !== 'object' || data === null) throw new SignedRequestError('malformed', 'signed_request payload is not an object');
  const record = data as Record<string, unknown>;
  if (typeof record.algorithm !== 'string' || record.algorithm.toUpperCase() !== 'HMAC-SHA256') {
    throw new SignedRequestError('bad_algorithm', 'signed_request algorithm must be HMAC-SHA256');
  }
  const userId = typeof record.user_id === 'number' ? String(record.user_id) : record.user_id;
  if (typeof userId !== 'string' || !/^\d{1,32}$/.test(userId)) throw new SignedRequestError('malformed', 'signed_request has no valid user_id');
  if (typeof record.issued_at !== 'number' || !Number.isFinite(record.issued_at)) throw new SignedRequestError('malformed', 'signed_request has no issued_at');

  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (now - record.issued_at > (options.maxAgeSeconds ?? SIGNED_REQUEST_MAX_AGE_SECONDS)) throw new SignedRequestError('expired', 'signed_request is too old');
  if (record.issued_at - now > (options.skewSeconds ?? DEFAULT_SKEW_SECONDS)) throw new SignedRequestError('issued_in_future', 'signed_request is dated in the future');
  if (typeof record.expires === 'number' && record.expires > 0 && record.expires < now) throw new SignedRequestError('expired', 'signed_request has expired');
  return { ...record, algorithm: record.algorithm, user_id: userId, issued_at: record.issued_at };
}

/** A stable name of a signed_request for remembering it (its signature is unique to its payload). */
export function signedRequestId(signedRequest: string): string {
  return createHash('sha256').update(signedRequest.split('.')[0] ?? '').digest('hex');
}

/** Builds a signed_request (for tests and the sandbox-style tools). */
export function signRequest(payload: Record<string, unknown>, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${createHmac('sha256', secret).update(body).digest('base64url')}.${body}`;
}
