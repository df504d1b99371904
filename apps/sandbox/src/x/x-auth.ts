import { timingSafeEqual } from 'node:crypto';
import { type SandboxContext } from '../context';
import { type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type XAppConfig } from '../options';
import { baseStringUri, hmacSha1Signature, type OAuthParam, parseOAuthHeader, signatureBaseString } from './oauth1-signature';
import { X_COULD_NOT_AUTHENTICATE, X_INVALID_TOKEN, X_UNAUTHORIZED, v1Error } from './x-errors';
import { type XAccessToken } from './x-state';

export type XAuthFailure = 'missing' | 'bad-signature' | 'stale-timestamp' | 'bad-token';

export type VerifyResult =
  | { ok: true; app: XAppConfig; params: Map<string, string>; token?: string }
  | { ok: false; failure: XAuthFailure };

/**
 * Verifies an OAuth 1.0a HMAC-SHA1 request exactly as §A.2–A.4 describe: parameters from the header,
 * the query and an urlencoded body (never JSON or multipart); an identical key=value in two places is one
 * parameter, any other duplicate key is refused.
 */
export function verifyOAuth1(
  ctx: SandboxContext,
  req: SandboxRequest,
  tokenSecret: (token: string, app: XAppConfig) => string | undefined,
): VerifyResult {
  const header = req.headers.authorization;
  const headerParams = header === undefined ? [] : parseOAuthHeader(header);
  if (headerParams === undefined) return { ok: false, failure: 'missing' };
  const sources: OAuthParam[] = [...headerParams.filter(([k]) => k !== 'realm'), ...req.query];
  if (req.bodyKind === 'urlencoded') sources.push(...req.form);

  const seen = new Set<string>();
  const params: OAuthParam[] = [];
  const byKey = new Map<string, string>();
  for (const [k, v] of sources) {
    const pair = `${k}\u0000${v}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    if (byKey.has(k)) return { ok: false, failure: 'bad-signature' };
    byKey.set(k, v);
    params.push([k, v]);
  }
  const consumerKey = byKey.get('oauth_consumer_key');
  const signature = byKey.get('oauth_signature');
  if (!consumerKey || !signature) return { ok: false, failure: 'missing' };
  const app = ctx.apps.x.find((a) => a.consumerKey === consumerKey);
  if (!app) return { ok: false, failure: 'bad-signature' };
  if (byKey.get('oauth_signature_method') !== 'HMAC-SHA1') return { ok: false, failure: 'bad-signature' };
  const version = byKey.get('oauth_version');
  if (version !== undefined && version !== '1.0') return { ok: false, failure: 'bad-signature' };
  const nonce = byKey.get('oauth_nonce') ?? '';
  if (!nonce || !/^[\x20-\x7e]+$/.test(nonce)) return { ok: false, failure: 'bad-signature' };

  const timestamp = byKey.get('oauth_timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, failure: 'bad-signature' };
  // Clients sign with their own wall clock, so skew is measured against it, not the sandbox clock.
  const wallNow = Date.now();
  if (Math.abs(wallNow / 1000 - Number(timestamp)) > ctx.timing.xTimestampSkewSec) return { ok: false, failure: 'stale-timestamp' };

  const token = byKey.get('oauth_token');
  let secret = '';
  if (token !== undefined) {
    const found = tokenSecret(token, app);
    if (found === undefined) return { ok: false, failure: 'bad-token' };
    secret = found;
  }

  const base = signatureBaseString(req.method, baseStringUri(req.url), params);
  const expected = Buffer.from(hmacSha1Signature(base, app.consumerSecret, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, failure: 'bad-signature' };

  const nonceKey = `${consumerKey}:${token ?? ''}:${nonce}:${timestamp}`;
  if (ctx.x.nonces.has(nonceKey)) return { ok: false, failure: 'bad-signature' };
  ctx.x.nonces.set(nonceKey, wallNow);
  // Nonces are kept in arrival order, so the expired ones are at the front: drop them, and stop at the first live one.
  for (const [k, at] of ctx.x.nonces) {
    if (wallNow - at <= 2 * ctx.timing.xTimestampSkewSec * 1000) break;
    ctx.x.nonces.delete(k);
  }
  return { ok: true, app, params: byKey, ...(token !== undefined ? { token } : {}) };
}

/** The error X gives for each failure: v2 paths answer problem JSON, the rest the v1.1 `errors` array. */
export function xAuthFailureReply(req: SandboxRequest, failure: XAuthFailure): SandboxReply {
  if (req.path.startsWith('/2/')) return X_UNAUTHORIZED();
  switch (failure) {
    case 'missing':
      return v1Error(400, 215, 'Bad authentication data.');
    case 'stale-timestamp':
      return v1Error(401, 135, 'Timestamp out of bounds.');
    case 'bad-token':
      return X_INVALID_TOKEN();
    case 'bad-signature':
      return X_COULD_NOT_AUTHENTICATE();
  }
}

export type UserAuth = { ok: true; app: XAppConfig; access: XAccessToken; params: Map<string, string> } | { ok: false; reply: SandboxReply };

/** Authenticates a user-context call (access token) and tells the fault engine which account acts. */
export function authenticateXUser(ctx: SandboxContext, req: SandboxRequest): UserAuth {
  const result = verifyOAuth1(ctx, req, (token, app) => {
    const access = ctx.x.accessTokens.get(token);
    return access && !access.revoked && access.consumerKey === app.consumerKey ? access.secret : undefined;
  });
  if (!result.ok) return { ok: false, reply: xAuthFailureReply(req, result.failure) };
  const access = result.token === undefined ? undefined : ctx.x.accessTokens.get(result.token);
  if (!access) return { ok: false, reply: req.path.startsWith('/2/') ? X_UNAUTHORIZED() : X_INVALID_TOKEN() };
  req.identify(access.userId);
  return { ok: true, app: result.app, access, params: result.params };
}
