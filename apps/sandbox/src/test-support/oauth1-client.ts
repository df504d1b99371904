import { createHmac, randomBytes } from 'node:crypto';

/**
 * A deliberately separate OAuth 1.0a signer for the specs (it shares no code with the sandbox's verifier),
 * written the way twitter-api-v2 signs: header parameters sorted, `,` separators, 32-char nonce.
 */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SignInput {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  /** Extra oauth_* parameters placed in the header (oauth_callback, oauth_verifier). */
  oauthExtra?: Record<string, string>;
  /** urlencoded body parameters (signed). JSON and multipart bodies are never signed. */
  bodyParams?: Array<[string, string]>;
  timestamp?: number;
  nonce?: string;
  /** Tamper hook for negative tests. */
  mutateSignature?: (s: string) => string;
}

export function oauth1Header(input: SignInput): string {
  const url = new URL(input.url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomBytes(24).toString('hex').slice(0, 32),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
    ...(input.token ? { oauth_token: input.token } : {}),
    ...input.oauthExtra,
  };
  // Like twitter-api-v2, parameters are merged into one object: a key sent in header and body is signed once.
  const all: Array<[string, string]> = Object.entries({ ...Object.fromEntries(url.searchParams), ...Object.fromEntries(input.bodyParams ?? []), ...oauth });
  const paramString = all
    .map(([k, v]) => [enc(k), enc(v)])
    .sort((a, b) => (a[0] === b[0] ? ((a[1] ?? '') < (b[1] ?? '') ? -1 : 1) : (a[0] ?? '') < (b[0] ?? '') ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = `${input.method.toUpperCase()}&${enc(`${url.protocol}//${url.host}${url.pathname}`)}&${enc(paramString)}`;
  let signature = createHmac('sha1', `${enc(input.consumerSecret)}&${enc(input.tokenSecret ?? '')}`).update(base).digest('base64');
  if (input.mutateSignature) signature = input.mutateSignature(signature);
  const header = { ...oauth, oauth_signature: signature };
  return `OAuth ${Object.keys(header)
    .sort()
    .map((k) => `${enc(k)}="${enc(header[k as keyof typeof header] ?? '')}"`)
    .join(',')}`;
}
