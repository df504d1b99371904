import { createHmac, randomBytes } from 'node:crypto';

/** RFC 3986 percent-encoding as X specifies it (docs/platforms.md A.3): uppercase hex, space is %20, never +. */
export function percentEncode(value: string): string {
  const encoded = encodeURIComponent(value);
  return LEFT_BY_ENCODE_URI.test(encoded) ? encoded.replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

// What encodeURIComponent leaves alone and RFC 3986 does not (rare, so the common case skips the replace).
const LEFT_BY_ENCODE_URI = /[!*'()]/;

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export interface OAuth1SignOptions {
  /** Fixed for test vectors; random otherwise. */
  nonce?: string;
  /** Seconds since the epoch; now otherwise. */
  timestamp?: number;
  /** Form-encoded body parameters, which the signature covers (a JSON body is not covered). */
  bodyParams?: ReadonlyArray<readonly [string, string]>;
}

/**
 * The `Authorization: OAuth …` header of an HMAC-SHA1 signed request (RFC 5849, docs/platforms.md A.3). The query of
 * `url` is signed; the base URI is its origin and path (scheme and host lowercased, default port dropped).
 */
export function oauth1Authorization(method: string, url: URL, credentials: OAuth1Credentials, options: OAuth1SignOptions = {}): string {
  const oauth: [string, string][] = [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', options.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(options.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_token', credentials.token],
    ['oauth_version', '1.0'],
  ];
  const params = [...oauth, ...url.searchParams, ...(options.bodyParams ?? [])]
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = `${method.toUpperCase()}&${percentEncode(`${url.origin}${url.pathname}`)}&${percentEncode(params)}`;
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`;
  const signature = createHmac('sha1', key).update(base).digest('base64');
  const header: [string, string][] = [...oauth, ['oauth_signature', signature]];
  return `OAuth ${header.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(', ')}`;
}
