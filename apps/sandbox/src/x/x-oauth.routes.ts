import { type SandboxContext } from '../context';
import { renderConsentPage, renderErrorPage } from '../core/consent-page';
import { allParams, htmlReply, jsonReply, redirectReply, type SandboxReply, type SandboxRequest } from '../core/http-types';
import { randomAlphanumeric, randomDigits } from '../core/ids';
import { type Router } from '../core/router';
import { authenticateXUser, verifyOAuth1, xAuthFailureReply } from './x-auth';
import { X_INVALID_TOKEN, v1Error } from './x-errors';
import { type XAccessToken, type XRequestToken } from './x-state';

/** Token endpoints answer form bodies with X's documented (odd) content type; clients must not JSON-parse them. */
function formReply(values: Record<string, string>): SandboxReply {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: new URLSearchParams(values).toString() };
}

function liveRequestToken(ctx: SandboxContext, token: string | null | undefined): XRequestToken | undefined {
  if (!token) return undefined;
  const rt = ctx.x.requestTokens.get(token);
  if (!rt) return undefined;
  if (ctx.clock.now() > rt.createdAt + ctx.timing.xRequestTokenTtlMs) return undefined;
  return rt;
}

function appendQuery(callback: string, values: Record<string, string>): string {
  return `${callback}${callback.includes('?') ? '&' : '?'}${new URLSearchParams(values).toString()}`;
}

export function registerXOAuthRoutes(router: Router, ctx: SandboxContext): void {
  router.post('/oauth/request_token', (req) => {
    const result = verifyOAuth1(ctx, req, () => undefined);
    if (!result.ok) return xAuthFailureReply(req, result.failure);
    if (result.token !== undefined) return X_INVALID_TOKEN();
    const callback = result.params.get('oauth_callback');
    if (callback === undefined || (callback !== 'oob' && !result.app.callbackUrls.includes(callback))) {
      return v1Error(403, 415, 'Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings.');
    }
    const accessType = result.params.get('x_auth_access_type');
    const rt: XRequestToken = {
      token: randomAlphanumeric(27),
      secret: randomAlphanumeric(32),
      consumerKey: result.app.consumerKey,
      callback,
      createdAt: ctx.clock.now(),
      status: 'issued',
      ...(accessType === 'read' || accessType === 'write' ? { accessType } : {}),
    };
    ctx.x.requestTokens.set(rt.token, rt);
    const issued = { platform: 'x' as const, appId: rt.consumerKey, issuedAt: rt.createdAt, expiresAt: rt.createdAt + ctx.timing.xRequestTokenTtlMs };
    ctx.ledger.recordToken({ ...issued, kind: 'x-request-token', value: rt.token, sensitive: false });
    ctx.ledger.recordToken({ ...issued, kind: 'x-request-token-secret', value: rt.secret, sensitive: true });
    return formReply({ oauth_token: rt.token, oauth_token_secret: rt.secret, oauth_callback_confirmed: 'true' });
  });

  const consentPage = (req: SandboxRequest): SandboxReply => {
    const rt = liveRequestToken(ctx, req.query.get('oauth_token'));
    if (!rt || rt.status !== 'issued') {
      return htmlReply(403, renderErrorPage('X', 'This page is no longer valid', "It looks like someone already used the token information you provided. Please return to the site that sent you to this page and try again … it was probably an honest mistake."));
    }
    const app = ctx.apps.x.find((a) => a.consumerKey === rt.consumerKey);
    const screenName = req.query.get('screen_name');
    const selected =
      req.query.get('persona') ?? ctx.personas.personas.find((p) => p.x.username === screenName)?.id ?? ctx.personas.personas[0]?.id ?? '';
    const canWrite = app?.permission !== 'read' && rt.accessType !== 'read';
    return htmlReply(
      200,
      renderConsentPage({
        platform: 'X',
        appName: app?.name ?? rt.consumerKey,
        action: req.path,
        hidden: { oauth_token: rt.token },
        personas: ctx.personas.personas.map((p) => ({ id: p.id, label: `${p.label} (@${p.x.username})` })),
        selectedPersona: selected,
        scopes: canWrite ? [{ value: 'write', label: 'Post and delete posts for you (write)', checked: true }] : [],
        scopeField: 'scope',
        note: 'Read access (your profile and posts) is always part of the grant.',
      }),
    );
  };

  const decide = (req: SandboxRequest): SandboxReply => {
    const params = allParams(req);
    const rt = liveRequestToken(ctx, params.get('oauth_token'));
    if (!rt || rt.status !== 'issued') return htmlReply(403, renderErrorPage('X', 'This page is no longer valid', 'The request token is unknown, expired or already used.'));
    if (params.get('decision') !== 'approve') {
      rt.status = 'denied';
      if (rt.callback === 'oob') return htmlReply(200, renderErrorPage('X', 'You denied access', 'You have not authorized the app.'));
      return redirectReply(appendQuery(rt.callback, { denied: rt.token }));
    }
    const persona = ctx.personas.get(params.get('persona') ?? '');
    if (!persona) return htmlReply(400, renderErrorPage('X', 'Choose an account', 'No sandbox persona with that id.'));
    const app = ctx.apps.x.find((a) => a.consumerKey === rt.consumerKey);
    const scopes = req.form.filter(([k]) => k === 'scope').map(([, v]) => v);
    const grantedWrite = params.has('scopes_listed') ? scopes.includes('write') : true;
    rt.status = 'authorized';
    rt.userId = persona.x.id;
    rt.write = grantedWrite && app?.permission !== 'read' && rt.accessType !== 'read';
    rt.verifier = rt.callback === 'oob' ? randomDigits(7) : randomAlphanumeric(32);
    if (rt.callback === 'oob') {
      return htmlReply(200, renderErrorPage('X', 'Enter this PIN to complete the authorization', rt.verifier));
    }
    return redirectReply(appendQuery(rt.callback, { oauth_token: rt.token, oauth_verifier: rt.verifier }));
  };

  for (const path of ['/oauth/authorize', '/oauth/authenticate']) {
    router.get(path, consentPage);
    router.post(path, decide);
  }

  router.post('/oauth/access_token', (req) => {
    const result = verifyOAuth1(ctx, req, (token, app) => {
      const rt = liveRequestToken(ctx, token);
      return rt && rt.consumerKey === app.consumerKey ? rt.secret : undefined;
    });
    if (!result.ok) return xAuthFailureReply(req, result.failure);
    const rt = liveRequestToken(ctx, result.token);
    if (!rt || rt.status !== 'authorized' || !rt.userId) return X_INVALID_TOKEN();
    if (result.params.get('oauth_verifier') !== rt.verifier) return v1Error(401, 32, 'Could not authenticate you.');
    rt.status = 'used';
    const persona = ctx.personas.byXUserId(rt.userId);
    if (!persona) return X_INVALID_TOKEN();
    const access = issueAccessToken(ctx, rt.consumerKey, rt.userId, rt.write ?? false);
    return formReply({ oauth_token: access.token, oauth_token_secret: access.secret, user_id: persona.x.id, screen_name: persona.x.username });
  });

  router.post('/1.1/oauth/invalidate_token', (req) => {
    const auth = authenticateXUser(ctx, req);
    if (!auth.ok) return auth.reply;
    auth.access.revoked = true;
    return jsonReply(200, { access_token: auth.access.token });
  });
}

/** X hands the same access token back when the same person re-authorizes the same app. */
function issueAccessToken(ctx: SandboxContext, consumerKey: string, userId: string, write: boolean): XAccessToken {
  for (const existing of ctx.x.accessTokens.values()) {
    if (!existing.revoked && existing.consumerKey === consumerKey && existing.userId === userId && existing.write === write) return existing;
  }
  const access: XAccessToken = {
    token: `${userId}-${randomAlphanumeric(40)}`,
    secret: randomAlphanumeric(45),
    consumerKey,
    userId,
    write,
    issuedAt: ctx.clock.now(),
    revoked: false,
  };
  ctx.x.accessTokens.set(access.token, access);
  const issued = { platform: 'x' as const, appId: consumerKey, accountId: userId, issuedAt: access.issuedAt, expiresAt: null };
  ctx.ledger.recordToken({ ...issued, kind: 'x-access-token', value: access.token, sensitive: true });
  ctx.ledger.recordToken({ ...issued, kind: 'x-access-token-secret', value: access.secret, sensitive: true });
  return access;
}
