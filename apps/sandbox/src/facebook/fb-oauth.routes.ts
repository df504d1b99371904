import { randomBytes } from 'node:crypto';
import { avatarUrl, type SandboxContext } from '../context';
import { allParams, jsonReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { type Router } from '../core/router';
import { accessTokenOf, requireGraphToken, tokenProblem } from '../graph/graph-auth';
import { parseFields, selectFields } from '../graph/graph-fields';
import { CANNOT_PARSE_TOKEN, graphError, invalidTokenError, nonexistingField, paramError, unsupportedRequest } from '../graph/graph-errors';
import { GraphState, type GraphToken } from '../graph/graph-state';
import { deauthorize, issueGraphToken } from '../graph/graph-tokens';
import { pageNode } from './fb-nodes';

function tokenReply(token: GraphToken): SandboxReply {
  const expiresIn = token.expiresAt === null ? undefined : Math.floor((token.expiresAt - token.issuedAt) / 1000);
  return jsonReply(200, { access_token: token.value, token_type: 'bearer', ...(expiresIn !== undefined ? { expires_in: expiresIn } : {}) });
}

/**
 * `GET /oauth/access_token`: the code exchange, `grant_type=fb_exchange_token` for a 60-day user token, or
 * `grant_type=client_credentials` for an app token.
 */
function accessToken(ctx: SandboxContext, req: SandboxRequest): SandboxReply {
  const p = allParams(req);
  if (!p.get('client_id')) return graphError(400, { message: 'Missing client_id parameter.', code: 101 });
  const app = ctx.apps.facebook.find((a) => a.appId === p.get('client_id'));
  if (!app) return graphError(400, { message: 'Error validating application. Invalid application ID.', code: 101 });
  if (app.appSecret !== p.get('client_secret')) return graphError(400, { message: 'Error validating client secret.', code: 1 });

  if (p.get('grant_type') === 'client_credentials') {
    // An app access token ("<app id>|<opaque>"), as Meta answers; servers use it to check their app id and secret.
    return jsonReply(200, { access_token: `${app.appId}|${randomBytes(16).toString('hex')}`, token_type: 'bearer' });
  }

  if (p.get('grant_type') === 'fb_exchange_token') {
    const short = ctx.graph.tokens.get(p.get('fb_exchange_token') ?? '');
    if (!short || short.host !== 'facebook' || short.appId !== app.appId) return invalidTokenError(CANNOT_PARSE_TOKEN);
    const problem = tokenProblem(ctx, short);
    if (problem) return problem;
    if (short.kind === 'fb-page') return paramError('fb_exchange_token must be a user access token');
    req.identify(short.subjectId);
    return tokenReply(issueGraphToken(ctx, { host: 'facebook', kind: 'fb-user-long', appId: app.appId, personaId: short.personaId, subjectId: short.subjectId, scopes: short.scopes, ttlSec: ctx.timing.fbLongTokenTtlSec }));
  }

  const redirectUri = p.get('redirect_uri');
  if (redirectUri === undefined) return graphError(400, { message: 'Missing redirect_uri parameter.', code: 191 });
  const raw = p.get('code');
  if (!raw) return paramError('Missing authorization code');
  const code = ctx.graph.codes.get(raw);
  if (!code || code.host !== 'facebook' || code.appId !== app.appId) return graphError(400, { message: 'Invalid verification code format.', code: 100 });
  if (code.used) return graphError(400, { message: 'This authorization code has been used.', code: 100, error_subcode: 36009 });
  if (ctx.clock.now() >= code.expiresAt) return graphError(400, { message: 'This authorization code has expired.', code: 100, error_subcode: 36007 });
  if (code.redirectUri !== redirectUri) {
    return graphError(400, { message: 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', code: 100, error_subcode: 36008 });
  }
  code.used = true;
  const persona = ctx.personas.get(code.personaId);
  if (!persona) return graphError(400, { message: 'Invalid verification code format.', code: 100 });
  req.identify(persona.facebook.userId);
  return tokenReply(issueGraphToken(ctx, { host: 'facebook', kind: 'fb-user-short', appId: app.appId, personaId: persona.id, subjectId: persona.facebook.userId, scopes: code.scopes, ttlSec: ctx.timing.fbShortTokenTtlSec }));
}

export function userNode(ctx: SandboxContext, token: GraphToken, rawFields: string | undefined): SandboxReply {
  const persona = ctx.personas.get(token.personaId);
  const specs = parseFields(rawFields);
  if (!persona || !specs) return paramError('Syntax error in fields');
  const [first, ...rest] = persona.facebook.name.split(' ');
  const picked = selectFields(
    specs,
    {
      id: () => persona.facebook.userId,
      name: () => persona.facebook.name,
      first_name: () => first,
      last_name: () => rest.join(' '),
      short_name: () => first,
      email: () => (token.scopes.includes('email') ? `${persona.id}@sandbox.invalid` : undefined),
      picture: () => ({ data: { height: 200, width: 200, is_silhouette: false, url: avatarUrl(ctx, 'facebook', persona.facebook.userId) } }),
    },
    ['name', 'id'],
  );
  return picked.ok ? jsonReply(200, picked.value) : nonexistingField(picked.unknown, 'User');
}

export function registerFacebookOAuthRoutes(router: Router, ctx: SandboxContext): void {
  router.get('/oauth/access_token', (req) => accessToken(ctx, req));

  router.get('/me', (req) => {
    const auth = requireGraphToken(ctx, req, 'facebook');
    if (!auth.ok) return auth.reply;
    const fields = allParams(req).get('fields');
    if (auth.token.kind === 'fb-page') return pageNode(ctx, auth.token, auth.token.subjectId, fields);
    return userNode(ctx, auth.token, fields);
  });

  router.get('/me/permissions', (req) => {
    const auth = requireGraphToken(ctx, req, 'facebook');
    if (!auth.ok) return auth.reply;
    const grant = ctx.graph.grants.get(GraphState.grantKey('facebook', auth.token.appId, auth.token.personaId));
    const data = [
      ...(grant?.scopes ?? []).map((permission) => ({ permission, status: 'granted' })),
      ...(grant?.declined ?? []).map((permission) => ({ permission, status: 'declined' })),
    ];
    return jsonReply(200, { data });
  });

  // User Permissions reference: revoking takes a user access token or an app access token, never a Page token
  // (a Page token reads /me as the Page, which has no permissions edge).
  router.delete('/me/permissions', (req) => {
    const auth = requireGraphToken(ctx, req, 'facebook');
    if (!auth.ok) return auth.reply;
    if (auth.token.kind === 'fb-page') return nonexistingField('permissions', 'Page');
    deauthorize(ctx, 'facebook', auth.token.appId, auth.token.personaId);
    return jsonReply(200, { success: true });
  });

  router.delete('/:userId/permissions', (req, params) => {
    const raw = accessTokenOf(req);
    const appToken = raw ? /^(\d+)\|(.+)$/.exec(raw) : null;
    const persona = ctx.personas.personas.find((p) => p.facebook.userId === params.userId);
    if (appToken) {
      // An app token is `app_id|app_secret`; it may revoke any user of its own app.
      const app = ctx.apps.facebook.find((a) => a.appId === appToken[1]);
      if (!app || app.appSecret !== appToken[2]) return invalidTokenError(CANNOT_PARSE_TOKEN);
      if (!persona) return unsupportedRequest('DELETE', params.userId ?? '');
      deauthorize(ctx, 'facebook', app.appId, persona.id);
      return jsonReply(200, { success: true });
    }
    const auth = requireGraphToken(ctx, req, 'facebook');
    if (!auth.ok) return auth.reply;
    if (auth.token.kind === 'fb-page') return unsupportedRequest('DELETE', params.userId ?? '');
    if (!persona || persona.id !== auth.token.personaId) return unsupportedRequest('DELETE', params.userId ?? '');
    deauthorize(ctx, 'facebook', auth.token.appId, auth.token.personaId);
    return jsonReply(200, { success: true });
  });

  router.delete('/me/permissions/:permission', (req, params) => {
    const auth = requireGraphToken(ctx, req, 'facebook');
    if (!auth.ok) return auth.reply;
    const grant = ctx.graph.grants.get(GraphState.grantKey('facebook', auth.token.appId, auth.token.personaId));
    if (grant) {
      grant.scopes = grant.scopes.filter((s) => s !== params.permission);
      if (params.permission && !grant.declined.includes(params.permission)) grant.declined.push(params.permission);
    }
    return jsonReply(200, { success: true });
  });
}
