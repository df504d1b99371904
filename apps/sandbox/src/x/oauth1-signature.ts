import { createHmac } from 'node:crypto';

/** RFC 3986 percent-encoding over UTF-8, uppercase hex, as X specifies (space is %20, never +). */
export function percentEncode(value: string): string {
  const encoded = encodeURIComponent(value);
  return RESERVED_BY_RFC3986.test(encoded) ? encoded.replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

// The characters encodeURIComponent leaves alone that RFC 3986 does not (rare: the common case skips the replace).
const RESERVED_BY_RFC3986 = /[!*'()]/;

export type OAuthParam = [key: string, value: string];

/** Scheme and host lowercased, default port dropped, no query or fragment (RFC 5849 §3.4.1.2). */
export function baseStringUri(url: URL): string {
  const scheme = url.protocol.toLowerCase();
  const host = url.hostname.toLowerCase();
  const defaultPort = (scheme === 'https:' && url.port === '443') || (scheme === 'http:' && url.port === '80') || url.port === '';
  return `${scheme}//${host}${defaultPort ? '' : `:${url.port}`}${url.pathname}`;
}

/** Encode, sort by key then value, join with `&`. Duplicates stay (the RFC allows them; X's policy is elsewhere). */
export function normalizeParameters(params: OAuthParam[]): string {
  return params
    .filter(([k]) => k !== 'oauth_signature' && k !== 'realm')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function signatureBaseString(method: string, baseUri: string, params: OAuthParam[]): string {
  return [method.toUpperCase(), percentEncode(baseUri), percentEncode(normalizeParameters(params))].join('&');
}

export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Parses `Authorization: OAuth k="v", k2="v2"`. Accepts `,` or `, ` separators, extra whitespace and
 * newlines, and a `realm`. Returns undefined when the header is not an OAuth header or is malformed.
 */
export function parseOAuthHeader(header: string | undefined): OAuthParam[] | undefined {
  if (!header) return undefined;
  const m = /^\s*OAuth\s+([\s\S]*)$/i.exec(header);
  if (!m) return undefined;
  const body = m[1] ?? '';
  const params: OAuthParam[] = [];
  const re = /\s*([^=\s,]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = re.exec(body)) !== null) {
    const key = safeDecode(match[1] ?? '');
    const value = safeDecode(match[2] ?? '');
    if (key === undefined || value === undefined) return undefined;
    params.push([key, value]);
    consumed = re.lastIndex;
    if (consumed >= body.length) break;
  }
  if (body.slice(consumed).trim() !== '') return undefined;
  return params;
}
