import { createHmac } from 'node:crypto';
import type { RecordedRequest } from './recording-server';

/** RFC 3986 encoding as X specifies it (docs/platforms.md A.3): uppercase hex, space is %20. Specs only. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function signatureBaseString(method: string, baseUrl: string, params: ReadonlyArray<readonly [string, string]>): string {
  const encoded = params.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  const paramString = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), percentEncode(baseUrl), percentEncode(paramString)].join('&');
}

export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret = ''): string {
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(baseString).digest('base64');
}

export function parseAuthorizationHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.replace(/^OAuth\s+/i, '').split(/,\s*/)) {
    const match = /^\s*([^=]+)="(.*)"\s*$/.exec(part);
    if (match?.[1] && match[2] !== undefined) out[decodeURIComponent(match[1])] = decodeURIComponent(match[2]);
  }
  return out;
}

/** Recomputes the HMAC-SHA1 signature a strict X would check (header + query + urlencoded body). */
export function verifyOAuth1(
  request: RecordedRequest,
  options: { baseUrl: string; consumerSecret: string; tokenSecret?: string },
): { valid: boolean; oauth: Record<string, string> } {
  const oauth = parseAuthorizationHeader(String(request.headers.authorization ?? ''));
  const params = new Map<string, [string, string]>();
  const add = (k: string, v: string): void => {
    // An identical key and value in header and body count once (twitter-api-v2 sends oauth_token twice).
    params.set(`${k}\u0000${v}`, [k, v]);
  };
  for (const [k, v] of Object.entries(oauth)) if (k !== 'oauth_signature' && k !== 'realm') add(k, v);
  for (const [k, v] of Object.entries(request.query)) add(k, v);
  if (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of Object.entries(request.form())) add(k, v);
  }
  const base = signatureBaseString(request.method, options.baseUrl, [...params.values()]);
  return { valid: hmacSha1Signature(base, options.consumerSecret, options.tokenSecret) === oauth.oauth_signature, oauth };
}
