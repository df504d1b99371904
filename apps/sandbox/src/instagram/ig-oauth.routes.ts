import { type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { type ConsentHost, decideConsent, showConsent } from '../graph/graph-consent';
import { issueGraphToken } from '../graph/graph-tokens';

export const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_messages',
  'instagram_business_manage_insights',
];

/** api.instagram.com errors are not Graph-shaped: `{error_type, code, error_message}`. */
export function igApiError(message: string, code = 400): SandboxReply {
  return jsonReply(code === 400 ? 400 : code, { error_type: 'OAuthException', code, error_message: message });
}

export function instagramConsentHost(ctx: SandboxContext): ConsentHost {
  return {
    host: 'instagram',
    platformName: 'Instagram',
    apps: () => ctx.apps.instagram,
    knownScopes: INSTAGRAM_SCOPES,
    implicitScopes: [],
    codeTtlMs: () => ctx.timing.igCodeTtlMs,
    fragment: '#_',
    withPages: false,
    invalidClient: () => igApiError('Invalid platform app'),
    invalidRedirect: () => igApiError('Invalid redirect_uri'),
    invalidScope: (scopes) => igApiError(`Invalid scope: [${scopes.join(',')}]`),
    personaLabel: (p) => `${p.label} (@${p.instagram.username}, ${p.instagram.accountType.toLowerCase()} account)`,
  };
}

/** The authorize page (both www.instagram.com and the older api.instagram.com host serve it). */
export function registerInstagramAuthorizeRoutes(router: Router, ctx: SandboxContext): void {
  const cfg = instagramConsentHost(ctx);
  router.get('/oauth/authorize', (req) => showConsent(ctx, cfg, req));
  router.post('/oauth/authorize', (req) => decideConsent(ctx, cfg, req));
}

function codeExchange(ctx: SandboxContext, req: SandboxRequest): SandboxReply {
  const p = allParams(req);
  for (const field of ['client_id', 'client_secret', 'grant_type', 'redirect_uri', 'code']) {
    if (!p.get(field)) return igApiError(`Missing required field ${field}`);
  }
  const app = ctx.apps.instagram.find((a) => a.appId === p.get('client_id'));
  if (!app) return igApiError('Invalid platform app');
  if (app.appSecret !== p.get('client_secret')) return igApiError('Error validating client secret.');
  if (p.get('grant_type') !== 'authorization_code') return igApiError('Unsupported grant_type');
  const code = ctx.graph.codes.get(p.get('code') ?? '');
  if (!code || code.used || code.host !== 'instagram' || code.appId !== app.appId) return igApiError('Matching code was not found or was already used');
  if (ctx.clock.now() >= code.expiresAt) return igApiError('This authorization code has expired');
  if (code.redirectUri !== p.get('redirect_uri')) {
    return igApiError('Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request');
  }
  code.used = true;
  const persona = ctx.personas.get(code.personaId);
  if (!persona) return igApiError('Matching code was not found or was already used');
  req.identify(persona.instagram.id);
  const token = issueGraphToken(ctx, {
    host: 'instagram',
    kind: 'ig-short',
    appId: app.appId,
    personaId: persona.id,
    subjectId: persona.instagram.id,
    scopes: code.scopes,
    ttlSec: ctx.timing.igShortTokenTtlSec,
  });
  if (ctx.behaviour.instagramTokenResponseShape === 'flat') {
    // The flat shape carries user_id as a bare JSON number, precision loss and all.
    const rest = JSON.stringify({ access_token: token.value, permissions: token.scopes });
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"user_id":${persona.instagram.id},${rest.slice(1)}` };
  }
  return jsonReply(200, { data: [{ access_token: token.value, user_id: persona.instagram.id, permissions: token.scopes.join(',') }] });
}

export function registerInstagramApiRoutes(router: Router, ctx: SandboxContext): void {
  registerInstagramAuthorizeRoutes(router, ctx);
  router.post('/oauth/access_token', (req) => codeExchange(ctx, req));
}
